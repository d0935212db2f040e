"""What the simulated cmxOrganize export writes for an Anrede and into the mapped custom fields,
what the journeys expect there, and M8's extra addresses."""

from __future__ import annotations

from typing import Any

from nlconsole.core.clock import FixedClock
from nlconsole.core.journeys.addresses import run_of
from nlconsole.core.journeys.script import JourneyContext
from nlconsole.core.maileon.journey_edge import VARIANTS, variant_address
from nlconsole.core.maileon.journey_fields import (
    custom_values,
    next_purchase,
    observed_custom,
)
from nlconsole.core.maileon.journey_parts import PERSON, person_expectations, standard_fields
from nlconsole.core.models import Profile
from nlconsole.providers.http import HttpOptions
from tests.ui.conftest import FIXED_NOW

EMPTY = {
    "Anrede": "keine Angabe",
    "Berufs-/Amtsbezeichnung": "",
    "Namenspräfix": "",
    "Vorname": "Alex",
    "Name": "Schmidt",
}


def profile(**maileon: Any) -> Profile:
    return Profile.model_validate(
        {"name": "acme", "provider": "maileon", "environment": "sandbox", "maileon": maileon}
    )


def context(prof: Profile) -> JourneyContext:
    return JourneyContext(
        prof, {}, "anna+nlc-m1-7k3q@verlag.de", dict(PERSON), HttpOptions(), FixedClock(FIXED_NOW)
    )


def test_an_empty_entry_is_left_out_never_sent_as_an_empty_or_null_value() -> None:
    prof = profile()
    assert standard_fields(EMPTY, prof) == {"FIRSTNAME": "Alex", "LASTNAME": "Schmidt"}
    assert "NAMENSPRAEFIX" not in custom_values(prof, EMPTY, False, 90001)


def test_the_prefix_has_its_own_field_when_the_mapping_has_one() -> None:
    fields = standard_fields(dict(VARIANTS[2][1]), profile())
    assert fields["SALUTATION"] == "divers"
    assert fields["GENDER"] == "d"
    assert fields["LASTNAME"] == "Löwenstein"
    assert custom_values(profile(), dict(VARIANTS[2][1]), True, 90007) == {
        "NAMENSPRAEFIX": "zu",
        "cmx_einkauf": 90007,
        "EINZELNUTZERTRACKING": True,
    }


def test_without_a_prefix_field_the_prefix_goes_in_front_of_the_name() -> None:
    prof = profile(custom_fields={"cmx_einkauf": "integer"})
    assert standard_fields(dict(VARIANTS[2][1]), prof)["LASTNAME"] == "zu Löwenstein"
    assert custom_values(prof, dict(VARIANTS[2][1]), True, 90007) == {"cmx_einkauf": 90007}
    assert custom_values(profile(custom_fields={}), dict(VARIANTS[2][1]), True, 1) == {}


def test_an_empty_entry_expects_no_value() -> None:
    ctx = context(profile())
    expected = {e.field: e.expected for e in person_expectations(ctx, EMPTY, gender=True)}
    assert expected["SALUTATION"] is None
    assert expected["GENDER"] is None
    assert expected["TITLE"] is None
    assert expected["NAMENSPRAEFIX"] is None


def test_the_purchase_number_is_exact_when_simulated_and_only_present_in_tester_mode() -> None:
    ctx = context(profile())
    tester = {e.field: e.expected for e in person_expectations(ctx, ctx.person, tracking=True)}
    assert tester["cmx_einkauf set"] == "yes"
    assert tester["EINZELNUTZERTRACKING"] == "true"
    assert (next_purchase(ctx, ctx.address), next_purchase(ctx, ctx.address)) == (90001, 90002)
    simulated = {e.field: e.expected for e in person_expectations(ctx, ctx.person)}
    assert simulated["cmx_einkauf"] == "90002", "the newest purchase"
    assert "EINZELNUTZERTRACKING" not in simulated, "not judged unless asked"


def test_maileon_booleans_read_as_true_or_false() -> None:
    seen = observed_custom({"EINZELNUTZERTRACKING": "1", "cmx_einkauf": "90001"})
    assert seen["EINZELNUTZERTRACKING"] == "true"
    assert seen["cmx_einkauf set"] == "yes"
    assert observed_custom({"EINZELNUTZERTRACKING": "0"})["EINZELNUTZERTRACKING"] == "false"
    assert observed_custom({})["cmx_einkauf set"] is None


def test_m8_addresses_stay_tagged_with_the_journey() -> None:
    address = variant_address("anna+nlc-m8-7k3q@verlag.de", "a")
    assert address == "anna+nlc-m8-7k3qa@verlag.de"
    assert run_of(address) == ("M8", "7k3qa")
