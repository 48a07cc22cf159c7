from django.urls import path

from accounts import views
from accounts.views import passkeys

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="account"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("two-factor/set-up/", views.setup, name="setup"),
    path("two-factor/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("two-factor/recovery-codes/new/", views.make_recovery_codes,
         name="make_recovery_codes"),
    path("two-factor/passkeys/", passkeys.passkeys, name="passkeys"),
    path("two-factor/passkeys/<int:pk>/name/", passkeys.passkey_name, name="passkey_name"),
    path("two-factor/passkeys/<int:pk>/remove/", passkeys.passkey_remove,
         name="passkey_remove"),
    path("two-factor/remove/", views.remove_two_factor, name="remove_two_factor"),
    path("sign-out-everywhere/", views.sign_out_everywhere, name="sign_out_everywhere"),
]
