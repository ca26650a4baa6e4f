"""Read side of the directory: the filtered list, an organisation with everything its page shows, GeoJSON."""

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from zitnet.accounts.enums import MembershipStatus
from zitnet.accounts.models import Membership

from .filters import DirectoryFilterSet, distance_km, exact_distance_rows
from .models import Contact, CooperationEntry, ExpertiseTag, Organisation, Service

LIST_FIELDS = (
    "id",
    "name",
    "short_name",
    "slug",
    "kind",
    "voivodeship",
    "county",
    "municipality",
    "city",
    "latitude",
    "longitude",
    "is_new_zit_association",
    "verification_status",
    "merged_into",
    "logo",
    "updated_at",
    "sort_name",
)


def directory_filter(data) -> DirectoryFilterSet:
    return DirectoryFilterSet(
        data if data is not None else {}, queryset=Organisation.objects.only(*LIST_FIELDS)
    )


def result_rows(filterset: DirectoryFilterSet):
    """The filtered organisations: a queryset, or within a radius a list sorted by distance."""
    queryset = filterset.qs
    center = filterset.center
    if center is None:
        return queryset
    return exact_distance_rows(list(queryset.exclude(latitude=None)), center)


def prefetch_for_cards(organisations) -> None:
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(list(organisations), "expertise")


def expertise_options(limit: int = 300) -> QuerySet:
    return ExpertiseTag.objects.order_by("name").values_list("name", "slug")[:limit]


def organisation_for_page(slug: str) -> Organisation:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Organisation.objects.prefetch_related(
            "expertise",
            "associations",
            Prefetch("services", queryset=Service.objects.prefetch_related("target_groups")),
            Prefetch("cooperation_entries", queryset=CooperationEntry.objects.select_related("theme")),
        ),
        slug=slug,
    )


def member_bodies(organisation: Organisation, limit: int = 60) -> list[Organisation]:
    return list(organisation.member_bodies.listed().only("name", "slug", "kind", "short_name")[:limit])


def organisation_practices(organisation: Organisation) -> dict:
    """The live good practices the organisation took part in (bumping the directory cache on publication)."""
    from knowledge.selectors import organisation_practices, practice_page_url

    rows, total = organisation_practices(organisation)
    return {"rows": rows, "total": total, "list_url": practice_page_url() if rows else ""}


def visible_contacts(organisation: Organisation, user) -> list[Contact]:
    contacts = Contact.objects.filter(organisation=organisation)
    if not user.has_perm("directory.view_private_contacts"):
        contacts = contacts.filter(public_consent=True)
    return list(contacts)


def active_members(organisation: Organisation) -> list[Membership]:
    return list(
        Membership.objects.filter(organisation=organisation, status=MembershipStatus.ACTIVE)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )


def page_size() -> int:
    return settings.ZITNET_DIRECTORY_PAGE_SIZE


def _points(queryset, center, fields: list[str]) -> list[dict]:
    """Rows with a position, as dicts, kept inside the radius when there is one."""
    rows = (
        queryset.exclude(latitude=None)
        .exclude(longitude=None)
        .order_by()
        .values("latitude", "longitude", *fields)
    )
    if center is None:
        return list(rows)
    lat0, lon0, radius = center
    return [row for row in rows if distance_km(lat0, lon0, row["latitude"], row["longitude"]) <= radius]


def _collection(rows: list[dict], kind: str, rename: dict[str, str]) -> dict:
    features = []
    for row in rows:
        lat, lon = row.pop("latitude"), row.pop("longitude")
        properties = {"type": kind, **{rename.get(name, name): value for name, value in row.items()}}
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]},
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def organisations_geojson(queryset, center=None) -> dict:
    rows = _points(queryset, center, ["slug", "name", "kind", "is_new_zit_association"])
    return _collection(rows, "organisation", {"is_new_zit_association": "new"})


def services_geojson(queryset, center=None) -> dict:
    rows = _points(
        queryset, center, ["pk", "name", "category", "organisation__slug", "organisation__short_name"]
    )
    return _collection(
        rows,
        "service",
        {"pk": "id", "organisation__slug": "slug", "organisation__short_name": "organisation"},
    )
