"""Issue 9 item 1 and 8: every field of the profile form can be reached and seen at 80×24."""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.widgets import Select

from nlconsole.core.services import Services
from nlconsole.ui.screens.profile_form import ProfileFormScreen
from tests.ui.conftest import app_for, settle


def _inside(widget_region: Region, visible: Region) -> bool:
    return widget_region.height > 0 and visible.contains_region(widget_region)


@pytest.mark.parametrize("provider", ["maileon", "newsletter2go"])
async def test_every_focused_field_is_visible_at_80x24(services: Services, provider: str) -> None:
    app = app_for(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ProfileFormScreen)
        form.query_one("#provider", Select).value = provider
        await pilot.pause()
        scroll = form.query_one("#form-fields")
        seen: list[str] = []
        for _ in range(40):
            await pilot.press("tab")
            await pilot.pause()
            focused = app.focused
            assert focused is not None
            if focused.id in seen:
                break
            seen.append(str(focused.id))
            if focused in scroll.query("*"):
                assert _inside(focused.region, scroll.content_region), focused.id
            else:
                assert _inside(focused.region, form.region), focused.id
        assert "set-developer_mode_confirmed" in seen or provider == "maileon"
        assert "set-newsletters" in seen or provider == "maileon"
        assert "set-key_label" in seen or provider == "newsletter2go"
        mapping_inputs = [
            f"set-custom_fields-{role}{part}"
            for role in ("prefix", "purchase", "tracking")
            for part in ("", "-type")
        ]
        assert all(i in seen for i in mapping_inputs) or provider == "newsletter2go"


async def test_the_form_sets_every_setting_the_cli_can(services: Services) -> None:
    """Item 8: rights, test-key rights and the DOI mailing key come from the kit's fields."""
    from textual.widgets import Input, SelectionList

    app = app_for(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        form.query_one("#name", Input).value = "acme"
        form.query_one("#set-doi_mailing_key", Input).value = "abc123"
        rights = form.query_one("#set-rights_confirmed", SelectionList)
        rights.select("create")
        rights.select("update")
        form.query_one("#set-test_key_rights_confirmed", SelectionList).select("read")
        await pilot.press("ctrl+s")
        await settle(pilot)
    settings = services.profiles.get("acme").maileon_settings
    assert settings.doi_mailing_key == "abc123"
    assert [str(r) for r in settings.rights_confirmed] == ["create", "update"]
    assert [str(r) for r in settings.test_key_rights_confirmed] == ["read"]


async def test_newsletter2go_form_sets_sender_and_doi_form(services: Services) -> None:
    from textual.widgets import Input

    app = app_for(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        form.query_one("#provider", Select).value = "newsletter2go"
        form.query_one("#name", Input).value = "peiq"
        form.query_one("#set-doi_form_code", Input).value = "f0rm"
        form.query_one("#set-sender_email", Input).value = "news@example.org"
        form.query_one("#set-sender_name", Input).value = "Redaktion"
        await pilot.press("ctrl+s")
        await settle(pilot)
    settings = services.profiles.get("peiq").n2g_settings
    assert (settings.doi_form_code, settings.sender_email, settings.sender_name) == (
        "f0rm",
        "news@example.org",
        "Redaktion",
    )


async def test_typing_after_tab_adds_to_a_field(services: Services) -> None:
    """Tab into a filled field and type: the text is added, nothing is replaced."""
    from textual.widgets import Input

    from nlconsole.core.models import Profile

    services.profiles.add(
        Profile.model_validate(
            {"name": "peiq", "provider": "newsletter2go", "newsletter2go": {"newsletters": ["A"]}}
        )
    )
    app = app_for(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("tab", "tab")
        await pilot.pause()
        assert app.focused is not None
        assert app.focused.id == "set-newsletters"
        await pilot.press(*", B")
        assert app.screen.query_one("#set-newsletters", Input).value == "A, B"


async def test_the_form_edits_the_custom_field_mapping_per_role(services: Services) -> None:
    """Issue 11: a role's field name and type are inputs in the Maileon group, checked as typed
    and saved as a change on the file as it is then (a change made meanwhile stays)."""
    from textual.widgets import Input, Static

    from nlconsole.core.models import Profile

    services.profiles.add(Profile.model_validate({"name": "acme", "provider": "maileon"}))
    app = app_for(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ProfileFormScreen)
        purchase = form.query_one("#set-custom_fields-purchase", Input)
        assert purchase.value == "cmx_einkauf"
        assert form.query_one("#set-custom_fields-purchase-type", Select).value == "integer"
        purchase.value = "id"
        await pilot.pause()
        note = form.query_one("#set-custom_fields-purchase-note", Static)
        assert "must have 3 to 64 characters" in str(note.render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "must have 3 to 64 characters" in str(form.query_one("#form-error").render())
        purchase.value = "cmx_kauf"
        form.query_one("#set-custom_fields-purchase-type", Select).value = "string"
        form.query_one("#set-custom_fields-prefix", Input).value = ""
        await pilot.pause()
        assert str(note.render()) == ""
        services.profiles.update(
            "acme", lambda p: p.model_copy(update={"display_name": "ACME meanwhile"})
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ProfileFormScreen)
    saved = services.profiles.get("acme")
    assert saved.display_name == "ACME meanwhile"
    assert saved.maileon_settings.custom_fields == {
        "cmx_kauf": "string",
        "EINZELNUTZERTRACKING": "boolean",
    }
    assert saved.maileon_settings.role_fields == {
        "purchase": "cmx_kauf",
        "tracking": "EINZELNUTZERTRACKING",
    }


async def test_an_untouched_mapping_is_not_written(services: Services) -> None:
    """Saving the form without touching the mapping keeps the defaults implicit (not written),
    and a mapping changed meanwhile in the file is not overwritten."""
    from textual.widgets import Input

    from nlconsole.core.models import Profile

    services.profiles.add(Profile.model_validate({"name": "acme", "provider": "maileon"}))
    app = app_for(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        form.query_one("#set-key_label", Input).value = "ACME"
        services.profiles.update(
            "acme",
            lambda p: p.model_copy(
                update={
                    "maileon": p.maileon_settings.model_copy(
                        update={"custom_fields": {"cmx_einkauf": "string"}}
                    )
                }
            ),
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
    saved = services.profiles.get("acme").maileon_settings
    assert saved.key_label == "ACME"
    assert saved.custom_fields == {"cmx_einkauf": "string"}
