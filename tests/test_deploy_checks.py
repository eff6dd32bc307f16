"""`check --deploy` refuses a short SECRET_KEY when DEBUG is off."""
import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError


@pytest.mark.parametrize("key, fails", [("short-key", True), ("k" * 49, True), ("k" * 50, False)])
def test_check_deploy_and_the_secret_key_length(settings, key, fails):
    settings.DEBUG, settings.SECRET_KEY = False, key
    if fails:
        with pytest.raises(SystemCheckError, match="events.E001"):
            call_command("check", "--deploy")
    else:
        try:
            call_command("check", "--deploy")
        except SystemCheckError as e:
            assert "events.E001" not in str(e)


def test_debug_mode_is_not_held_to_it(settings):
    settings.DEBUG, settings.SECRET_KEY = True, "short"
    call_command("check", "--deploy", "--fail-level", "ERROR")
