import pytest

from exports.models import exports_storage


@pytest.fixture(autouse=True)
def empty_exports_storage():
    """Each test starts with no export files (the test storage lives as long as the process)."""
    storage = exports_storage()
    for name in storage.listdir("")[1]:
        storage.delete(name)
    yield
