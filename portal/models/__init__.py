from .faqs import FAQIndexPage
from .glossary import GlossaryPage
from .home import HomePage
from .policies import PolicyIndexPage, PolicyPage
from .scores import ReadingScore
from .search_index import SearchIndexState
from .settings import PortalSettings, ServiceDetails
from .terms import GlossaryTerm
from .updates import UpdateIndexPage, UpdatePage

__all__ = [
    "FAQIndexPage",
    "GlossaryPage",
    "GlossaryTerm",
    "HomePage",
    "PolicyIndexPage",
    "PolicyPage",
    "PortalSettings",
    "ReadingScore",
    "SearchIndexState",
    "ServiceDetails",
    "UpdateIndexPage",
    "UpdatePage",
]
