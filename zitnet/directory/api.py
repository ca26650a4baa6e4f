"""/api/v1/organisations/ and /api/v1/services/: the directory for programs, with the site's filters and rules.

Reading is public, like the directory pages. Writes go through the same forms and services as the pages,
so validation, permissions and the audit log are the same whichever way a change arrives.
"""

import json

from django.forms.models import model_to_dict
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from . import caching, selectors, services
from .filters import DirectoryFilterSet, RadiusForm, ServiceFilterSet
from .forms import OrganisationForm, ServiceForm, organisation_form_data, tag_string
from .models import Organisation, Service


class OrganisationSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    voivodeship_label = serializers.CharField(source="get_voivodeship_display", read_only=True)
    expertise = serializers.SerializerMethodField()
    associations = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")
    verified = serializers.BooleanField(source="is_verified", read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:organisation-detail", lookup_field="slug")
    page = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Organisation
        fields = [
            "url",
            "page",
            "slug",
            "name",
            "short_name",
            "kind",
            "kind_label",
            "voivodeship",
            "voivodeship_label",
            "county",
            "municipality",
            "street_address",
            "postal_code",
            "city",
            "latitude",
            "longitude",
            "website",
            "phone",
            "description",
            "expertise",
            "associations",
            "is_new_zit_association",
            "verified",
            "updated_at",
        ]
        read_only_fields = fields

    def get_expertise(self, organisation) -> list[str]:
        return sorted(tag.name for tag in organisation.expertise.all())


class ServiceSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    category_label = serializers.CharField(source="get_category_display", read_only=True)
    target_groups = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")

    class Meta:
        model = Service
        fields = [
            "id",
            "organisation",
            "name",
            "category",
            "category_label",
            "target_groups",
            "description",
            "how_to_access",
            "accessibility_notes",
            "street_address",
            "postal_code",
            "city",
            "latitude",
            "longitude",
            "updated_at",
        ]
        read_only_fields = fields


def _form_errors(form) -> ValidationError:
    return ValidationError(
        {name: [str(message) for message in errors] for name, errors in form.errors.items()}
    )


def _require(request, perm, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


class GeoJSONMixin:
    @extend_schema(
        responses={(200, "application/geo+json"): OpenApiTypes.OBJECT},
        summary="GeoJSON FeatureCollection of the filtered list (no pagination)",
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def geojson(self, request):
        """Points for the map. The same for every visitor, so the encoded answer is cached per query."""
        cache_key = caching.key("geojson", self.basename, request.GET.urlencode())
        content = caching.get(cache_key)
        if content is None:
            filterset = self.filterset_class(request.query_params, queryset=self.get_queryset())
            if not filterset.is_valid():
                raise ValidationError(filterset.errors)
            content = json.dumps(
                self.to_geojson(filterset), ensure_ascii=False, separators=(",", ":")
            ).encode()
            caching.put(cache_key, content)
        return HttpResponse(content, content_type="application/geo+json")


class OrganisationViewSet(
    GeoJSONMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Organisations of the directory. Filters as on /katalog/; `near`+`radius` or `lat`+`lon`+`radius` (km)."""

    serializer_class = OrganisationSerializer
    lookup_field = "slug"
    filter_backends = [DjangoFilterBackend]
    filterset_class = DirectoryFilterSet
    permission_classes = [AllowAny]

    def get_queryset(self):
        queryset = Organisation.objects.listed()
        if self.action in ("list", "retrieve"):
            queryset = queryset.prefetch_related("expertise", "associations")
        return queryset

    def to_geojson(self, filterset):
        return selectors.organisations_geojson(filterset.qs, filterset.center)

    def list(self, request, *args, **kwargs):
        filterset = self.filterset_class(request.query_params, queryset=self.get_queryset(), request=request)
        if filterset.is_bound and not filterset.is_valid():
            raise ValidationError(filterset.errors)
        rows = selectors.result_rows(filterset)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def _save(self, request, instance, *, partial: bool):
        coordinator = request.user.has_perm("directory.set_position", instance if instance.pk else None)
        data = organisation_form_data(instance) if instance.pk and partial else {}
        incoming = request.data.copy() if hasattr(request.data, "copy") else dict(request.data)
        if isinstance(incoming.get("expertise"), list):
            incoming["expertise"] = tag_string(incoming["expertise"])
        if "associations" in incoming:
            slugs = (
                incoming["associations"]
                if isinstance(incoming["associations"], list)
                else [incoming["associations"]]
            )
            incoming["associations"] = list(
                Organisation.objects.listed()
                .associations()
                .filter(slug__in=slugs)
                .values_list("pk", flat=True)
            )
        data.update(incoming)
        form = OrganisationForm(data=data, instance=instance, coordinator=coordinator)
        if not form.is_valid():
            raise _form_errors(form)
        if instance.pk is None:
            form.instance.slug = services.unique_slug(form.cleaned_data["name"])
        return services.save_organisation(organisation=form.instance, form=form, user=request.user)

    def create(self, request, *args, **kwargs):
        _require(request, "directory.add_organisation")
        organisation = self._save(request, Organisation(), partial=False)
        return Response(self.get_serializer(organisation).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        instance = self.get_object()
        _require(request, "directory.change_organisation", instance)
        organisation = self._save(request, instance, partial=kwargs.get("partial", False))
        organisation = self.get_queryset().get(pk=organisation.pk)
        return Response(self.get_serializer(organisation).data)


class ServiceViewSet(GeoJSONMixin, viewsets.ModelViewSet):
    """Services offered by organisations (the map of social services)."""

    serializer_class = ServiceSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = ServiceFilterSet
    permission_classes = [AllowAny]
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return (
            Service.objects.filter(organisation__merged_into__isnull=True)
            .select_related("organisation")
            .prefetch_related("target_groups")
            .order_by("pk")
        )

    def to_geojson(self, filterset):
        """Services of the organisations that match the directory's filters, within the radius by their own position."""
        queryset = filterset.qs
        params = self.request.query_params.copy()
        for name in RadiusForm.base_fields:
            params.pop(name, None)
        directory = DirectoryFilterSet(params, queryset=Organisation.objects.all())
        if directory.is_bound:
            if not directory.is_valid():
                raise ValidationError(directory.errors)
            if directory.active_filters():
                queryset = queryset.filter(organisation__in=directory.qs.values("pk"))
            category = directory.form.cleaned_data.get("service_category")
            if category:
                queryset = queryset.filter(category=category)
        return selectors.services_geojson(queryset, filterset.center)

    def _save(self, request, instance, organisation):
        _require(request, "directory.change_organisation", organisation)
        data = {}
        if instance.pk:
            data = {k: v for k, v in model_to_dict(instance).items() if v is not None}
            data["target_groups"] = [g.pk for g in instance.target_groups.all()]
        incoming = request.data.copy() if hasattr(request.data, "copy") else dict(request.data)
        if "target_groups" in incoming:
            from .models import TargetGroup

            codes = (
                incoming["target_groups"]
                if isinstance(incoming["target_groups"], list)
                else [incoming["target_groups"]]
            )
            incoming["target_groups"] = list(
                TargetGroup.objects.filter(code__in=codes).values_list("pk", flat=True)
            )
        data.update(incoming)
        form = ServiceForm(data=data, instance=instance)
        if not form.is_valid():
            raise _form_errors(form)
        return services.save_child(form=form, organisation=organisation, user=request.user)

    @extend_schema(request=ServiceSerializer)
    def create(self, request, *args, **kwargs):
        slug = request.data.get("organisation")
        if not slug:
            raise ValidationError({"organisation": ["Podaj organizację (slug)."]})
        organisation = get_object_or_404(Organisation.objects.listed(), slug=slug)
        service = self._save(request, Service(organisation=organisation), organisation)
        return Response(self.get_serializer(service).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        instance = self.get_object()
        service = self._save(request, instance, instance.organisation)
        return Response(self.get_serializer(service).data)

    def destroy(self, request, *args, **kwargs):
        instance = self.get_object()
        _require(request, "directory.change_organisation", instance.organisation)
        services.delete_child(instance=instance, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
