"""API of accounts: the current user's profile."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from . import services
from .models import Membership


class MembershipSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name")
    organisation_slug = serializers.CharField(source="organisation.slug")

    class Meta:
        model = Membership
        fields = ["organisation", "organisation_slug", "role", "status"]


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    email = serializers.EmailField(read_only=True)
    first_name = serializers.CharField(max_length=150, allow_blank=False)
    last_name = serializers.CharField(max_length=150, allow_blank=False)
    job_title = serializers.CharField(max_length=150, allow_blank=True, required=False)
    preferred_language = serializers.ChoiceField(
        choices=settings.LANGUAGES, required=False, error_messages={"invalid_choice": _("Choose pl or en.")}
    )
    global_roles = serializers.SerializerMethodField()
    memberships = MembershipSerializer(many=True, read_only=True)

    def get_global_roles(self, user) -> list[str]:
        return sorted(user.global_roles)


class MeView(APIView):
    """The signed-in user's own profile; PATCH changes name, job title and language."""

    permission_classes = [IsAuthenticated]
    serializer_class = MeSerializer

    def _user(self, request):
        return get_user_model().objects.prefetch_related("memberships__organisation").get(pk=request.user.pk)

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        return Response(MeSerializer(self._user(request)).data)

    @extend_schema(request=MeSerializer, responses=MeSerializer)
    def patch(self, request):
        user = self._user(request)
        serializer = MeSerializer(user, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        values = {
            "first_name": user.first_name,
            "last_name": user.last_name,
            "job_title": user.job_title,
            "preferred_language": user.preferred_language,
            **serializer.validated_data,
        }
        services.update_profile(user=user, **values)
        return Response(MeSerializer(self._user(request)).data)
