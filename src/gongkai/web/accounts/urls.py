from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import auth_views as audited
from . import views

# Django's own names (login, logout, password_change, ...) are kept un-namespaced because
# LOGIN_URL and the password-reset e-mail template refer to them.
urlpatterns = [
    path("login/", audited.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/change/", audited.PasswordChangeView.as_view(), name="password_change"),
    path("password/change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("password/reset/", audited.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/done/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "reset/<uidb64>/<token>/",
        audited.PasswordResetConfirmView.as_view(success_url=reverse_lazy("password_reset_complete")),
        name="password_reset_confirm",
    ),
    path("reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("register/", views.register, name="register"),
    path("profile/", views.profile, name="profile"),
]
