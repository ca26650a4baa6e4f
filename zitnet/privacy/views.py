"""The privacy page of one's own account: download my data, erase my account."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import services
from .forms import EraseAccountForm
from .registry import sections


@login_required
def privacy_centre(request):
    return render(
        request,
        "privacy/privacy_centre.html",
        {"sections": sections(), "erase_form": EraseAccountForm(user=request.user)},
    )


@login_required
def export(request):
    data = services.export_personal_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="zitnet-moje-dane-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def erase(request):
    form = EraseAccountForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            user = request.user
            services.erase_account(user=user)
            logout(request)
            messages.success(request, _("Your account has been erased. Thank you for taking part in ZITnet."))
            return redirect("/")
        return render(
            request, "privacy/privacy_centre.html", {"sections": sections(), "erase_form": form}, status=400
        )
    return redirect("privacy:centre")
