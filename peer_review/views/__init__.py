"""Views of the Forum: public pages, participants (observers, hosts, experts) and the coordinator."""
