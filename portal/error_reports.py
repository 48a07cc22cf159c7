"""What an error report (the log's traceback with locals, the e-mail to administrators)
may show: never a person's contact details, password or invitation code.

Django's ``SafeExceptionReporterFilter`` hides settings named like secrets and the POST
fields a view marks with ``sensitive_post_parameters``. This filter, set as
``DEFAULT_EXCEPTION_REPORTER_FILTER``, also hides, on every view and whether or not it was
marked, any POST field, local variable or dictionary key whose name says it holds personal
details, so a failing save deep in a service function cannot put them in a report.
"""

from __future__ import annotations

import re

from django.utils.datastructures import MultiValueDict
from django.views.debug import SafeExceptionReporterFilter

# contact_name, contact_email, contact_phone, email, phone, password1, code (an invitation
# code ties a survey response to a person).
PERSONAL = re.compile(r"contact|e_?mail|phone|passw|^code$|invitation", re.IGNORECASE)


def is_personal(name) -> bool:
    """True for a field or variable name that holds personal details (``PERSONAL``)."""
    return isinstance(name, str) and bool(PERSONAL.search(name))


class PersonalDetailsReporterFilter(SafeExceptionReporterFilter):
    """``SafeExceptionReporterFilter`` that also hides personal details by name."""

    def _cleansed_dict(self, value: dict) -> dict:
        return {key: (self.cleansed_substitute if is_personal(key)
                      else self._cleanse(item)) for key, item in value.items()}

    def _cleanse(self, value):
        if isinstance(value, MultiValueDict):
            value = value.copy()
            for key in list(value):
                if is_personal(key):
                    value.setlist(key, [self.cleansed_substitute])
            return value
        if isinstance(value, dict):
            return self._cleansed_dict(value)
        if isinstance(value, list | tuple):
            return type(value)(self._cleanse(item) for item in value)
        return value

    def get_post_parameters(self, request):
        return self._cleanse(super().get_post_parameters(request))

    def cleanse_special_types(self, request, value):
        value = super().cleanse_special_types(request, value)
        try:
            return self._cleanse(value)
        except Exception as error:  # a strange object must not break the report
            return f"{error!r} while cleansing a value"

    def get_traceback_frame_variables(self, request, tb_frame):
        return [(name, self.cleansed_substitute if is_personal(name) else value)
                for name, value in super().get_traceback_frame_variables(request, tb_frame)]
