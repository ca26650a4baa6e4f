"""Views of the forum: public.py (spaces, threads, posts); moderation views live beside it."""
