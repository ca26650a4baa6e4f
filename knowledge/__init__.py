"""Knowledge: Wagtail pages — home, standard pages; good practices, the handbook and reports later."""
