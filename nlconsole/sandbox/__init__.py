"""A local emulator of the Maileon and Newsletter2Go APIs, over real HTTP on loopback.

It stands alone: it must not import the clients it is used to test (nlconsole.providers), or a
shared bug could hide on both sides. Behaviour and its sources are tabled in
`nlconsole/sandbox/BEHAVIOUR.md`.
"""
