"""Mock vendor pages, so journeys can run offline: a cmxOrganize course shop (`/shop`) that
exports bookings with a newsletter box to the emulated Maileon, and a PEIQ PORTAL (`/portal`)
that pushes registrations, newsletter choices, profile and e-mail changes and deletion requests
to the emulated Newsletter2Go. Both call the emulated APIs the way the real interfaces do,
through `Sandbox.dispatch` (in process, so no faults apply to them).
"""
