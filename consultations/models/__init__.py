from .audiences import ConsultationAudience
from .calendars import HolidayPeriod, SchoolCalendar
from .pages import ConsultationIndexPage, ConsultationPage
from .responses import ConsultationResponse, ResponseCount
from .settings import ConsultationSettings
from .status import Status

__all__ = [
    "ConsultationAudience",
    "ConsultationIndexPage",
    "ConsultationPage",
    "ConsultationResponse",
    "ConsultationSettings",
    "HolidayPeriod",
    "ResponseCount",
    "SchoolCalendar",
    "Status",
]
