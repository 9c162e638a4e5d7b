"""Web Push (docs/push.md): content-free, fixed-size pushes to reviewers' consoles and families' phones.

A new report tells every subscribed reviewer "new activity"; a change of a report's coarse status
tells the phones that follow it. Every push carries the same bytes. Pushes wait in the database
(`push_message`) and a background sender delivers them, so a slow push service never touches a
submission and a restart loses none.
"""
