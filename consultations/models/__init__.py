from .audiences import ConsultationAudience
from .calendars import HolidayPeriod, SchoolCalendar
from .pages import ConsultationIndexPage, ConsultationPage, Status
from .responses import ConsultationResponse, ResponseCount
from .settings import ConsultationSettings

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
