"""What the simulated cmxOrganize export writes for an Anrede, and M8's extra addresses."""

from __future__ import annotations

from nlconsole.core.journeys.addresses import run_of
from nlconsole.core.maileon.journey_edge import VARIANTS, variant_address
from nlconsole.core.maileon.journey_parts import person_expectations, standard_fields


def test_an_empty_entry_is_left_out_never_sent_as_an_empty_or_null_value() -> None:
    fields = standard_fields(
        {
            "Anrede": "keine Angabe",
            "Berufs-/Amtsbezeichnung": "",
            "Namenspräfix": "",
            "Vorname": "Alex",
            "Name": "Schmidt",
        }
    )
    assert fields == {"FIRSTNAME": "Alex", "LASTNAME": "Schmidt"}


def test_divers_sets_gender_d_and_the_prefix_goes_in_front_of_the_name() -> None:
    fields = standard_fields(dict(VARIANTS[2][1]))
    assert fields["SALUTATION"] == "divers"
    assert fields["GENDER"] == "d"
    assert fields["LASTNAME"] == "zu Löwenstein"


def test_an_empty_entry_expects_no_value() -> None:
    expected = {e.field: e.expected for e in person_expectations(dict(VARIANTS[3][1]), gender=True)}
    assert expected["SALUTATION"] is None
    assert expected["GENDER"] is None
    assert expected["TITLE"] is None


def test_m8_addresses_stay_tagged_with_the_journey() -> None:
    address = variant_address("anna+nlc-m8-7k3q@verlag.de", "a")
    assert address == "anna+nlc-m8-7k3qa@verlag.de"
    assert run_of(address) == ("M8", "7k3qa")
