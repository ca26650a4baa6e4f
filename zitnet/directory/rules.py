"""Who may do what in the partner directory, checked on the organisation itself."""

import rules

from zitnet.accounts.rules import is_editor_of, is_network_coordinator


@rules.predicate
def is_listed(user, organisation) -> bool:
    return organisation is not None and organisation.merged_into_id is None


rules.add_perm("directory.change_organisation", is_listed & (is_editor_of | is_network_coordinator))
rules.add_perm("directory.view_history", is_editor_of | is_network_coordinator)
rules.add_perm("directory.add_organisation", is_network_coordinator)
rules.add_perm("directory.merge_organisation", is_listed & is_network_coordinator)
rules.add_perm("directory.verify_organisation", is_listed & is_network_coordinator)
rules.add_perm("directory.set_position", is_listed & is_network_coordinator)
rules.add_perm("directory.import_organisations", is_network_coordinator)
rules.add_perm("directory.contact_organisation", rules.is_authenticated & rules.is_active & is_listed)
rules.add_perm("directory.view_private_contacts", rules.is_authenticated & rules.is_active)
