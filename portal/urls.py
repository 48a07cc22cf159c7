from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth.views import LogoutView
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from accounts.password_reset import PasswordResetView
from charter import urls as charter_urls
from portal import views

# Error pages in the site's design and the reader's language (portal.views).
handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

urlpatterns = [
    path("django-admin/", admin.site.urls),
    # Before Wagtail's own: its password reset, limited and sent as the portal's e-mails are.
    path("admin/password_reset/", PasswordResetView.as_view(),
         name="wagtailadmin_password_reset"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap),
    path("i18n/setlang/", set_language, name="set_language"),
    path("csp-report/", views.csp_report, name="csp_report"),
    path("sign-in/", views.SignInView.as_view(), name="sign_in"),
    path("sign-out/", LogoutView.as_view(next_page="/"), name="sign_out"),
    path("account/", include("accounts.urls")),
    # Passkeys' JSON ceremonies (django-otp-webauthn's JavaScript calls them).
    path("account/two-factor/passkey-api/", include("accounts.passkey_urls")),
    path("", include("charter.urls")),
    path("", include("analysis.board_urls")),
]

urlpatterns += i18n_patterns(
    path("search/", views.search, name="search"),
    # The sign-in page in each language too (/pl/sign-in/, /ar/sign-in/); /sign-in/ above
    # stays the address the rest of the site sends people to.
    path("sign-in/", views.SignInView.as_view(), name="sign_in_in_language"),
    # Before Wagtail's pages: the short response address, in each language.
    path("", include("consultations.urls")),
    path("", include("notices.urls")),
    path("", include("surveys.urls")),
    path("", include(charter_urls.public_urlpatterns)),
    path("", include(charter_urls.forum_urlpatterns)),
    path("", include("analysis.forum_urls")),
    path("", include("analysis.public_urls")),
    # Wagtail's own page-privacy sign-in form: one sign-in form, ours, for every page.
    path("_util/login/", views.frontend_login_redirect),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
