"""Signals other apps listen to: the forum keeps a cycle's private space in step with its people."""

from django.dispatch import Signal

# Sent after a phase change: cycle, previous (phase), actor.
phase_changed = Signal()
# Sent when hosts, experts or accepted observers change: cycle.
participants_changed = Signal()
