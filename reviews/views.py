"""Review pages: the candidate's next step and checklist; the school's board and each review."""
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from candidates import roles

from .checklist import checklist_for
from .forms import CertificateForm, MaterialMarkForm, MaterialUploadForm, OnsiteForm, ScheduleForm
from .models import Certificate, Material, Review
from .services import MaterialRefused, latest_materials, material_mark, material_upload, review_advance
from .workflow import RefusedTransition, Role, State, allowed


def _checklist(review):
    latest = latest_materials(review)
    return [(code, label, latest.get(code)) for code, label in checklist_for(review.candidate.level)]


def my_review(request):
    """The candidate's reviews: the next step, the deadline, the checklist and the uploads."""
    candidate = roles.candidate_of(request.user)
    if candidate is None:
        raise Http404
    reviews = list(Review.objects.filter(candidate=candidate).select_related("exam_year", "certificate")
                   .prefetch_related("materials").order_by("-exam_year_id"))
    items = [(review, _checklist(review)) for review in reviews]
    return render(request, "reviews/my_review.html", {"items": items, "upload_form": MaterialUploadForm()})


def _own_review(request, pk):
    candidate = roles.candidate_of(request.user)
    if candidate is None:
        raise Http404
    return get_object_or_404(Review, pk=pk, candidate=candidate)


@require_POST
def upload(request, pk: int):
    """Upload one checklist item of the candidate's own review."""
    review = _own_review(request, pk)
    form = MaterialUploadForm(request.POST, request.FILES)
    codes = {code for code, _label in checklist_for(review.candidate.level)}
    if review.state not in (State.MATERIALS_DUE, State.AWAITING_NOTICE):
        messages.error(request, _("This review does not take uploads any more."))
    elif not form.is_valid() or form.cleaned_data["item"] not in codes:
        messages.error(request, _("Choose a file for a checklist item."))
    else:
        try:
            material_upload(review=review, item=form.cleaned_data["item"], upload=form.cleaned_data["file"],
                            by=request.user)
            messages.success(request, _("Uploaded."))
        except MaterialRefused as refused:
            messages.error(request, str(refused))
    return redirect("reviews:my_review")


@require_POST
def submit(request, pk: int):
    """Tell the school the materials are complete."""
    review = _own_review(request, pk)
    missing = [label for code, label, material in _checklist(review) if material is None
               or material.status == Material.Status.REDO]
    if missing:
        messages.error(request, _("Still missing: %(items)s") % {"items": ", ".join(map(str, missing))})
        return redirect("reviews:my_review")
    try:
        review_advance(review=review, to=State.SUBMITTED, by=request.user, role=Role.CANDIDATE)
        messages.success(request, _("Submitted: your school checks the materials next."))
    except RefusedTransition as refused:
        messages.error(request, str(refused))
    return redirect("reviews:my_review")


@login_not_required
def material_file(request, pk: int):
    """Serve a material only to its candidate, their school's staff and administrators; others, signed in or
    not, get the same 404 as for a file that does not exist."""
    material = get_object_or_404(Material.objects.filter(review__in=Review.objects.visible_to(request.user)), pk=pk)
    response = FileResponse(material.file.open("rb"), as_attachment=True, filename=material.original_name,
                            content_type=material.content_type)
    response["Cache-Control"] = "no-store, private"
    return response


def _school(request):
    school = roles.school_of(request.user)
    if school is None:
        raise Http404
    return school


def board(request):
    """The school's reviews grouped by state, soonest deadline first."""
    _school(request)
    reviews = (Review.objects.visible_to(request.user).select_related("candidate", "exam_year")
               .order_by("deadline", "pk"))
    groups = {}
    for review in reviews:
        groups.setdefault(review.state, []).append(review)
    ordered = [(Review.STATE_LABELS[state], state, groups[state]) for state in State if state in groups]
    return render(request, "reviews/board.html", {"groups": ordered})


def _school_review(request, pk):
    _school(request)
    return get_object_or_404(Review.objects.visible_to(request.user).select_related("candidate", "exam_year"),
                             pk=pk)


def review_detail(request, pk: int):
    """One review for the school: materials to check, the moves allowed, the certificate."""
    review = _school_review(request, pk)
    certificate = Certificate.objects.filter(review=review).first()
    targets = [(state, Review.STATE_LABELS[state]) for state in allowed(review.state, Role.STAFF)]
    return render(request, "reviews/review_detail.html", {
        "review": review, "checklist": _checklist(review), "mark_form": MaterialMarkForm(), "targets": targets,
        "events": review.events.select_related("actor"), "schedule_form": ScheduleForm(), "onsite_form": OnsiteForm(),
        "certificate": certificate, "certificate_form": CertificateForm(instance=certificate) if certificate else None,
    })


@require_POST
def mark(request, pk: int):
    """Accept a material or ask for it again."""
    material = get_object_or_404(Material.objects.filter(review__in=Review.objects.visible_to(request.user)), pk=pk)
    _school(request)
    form = MaterialMarkForm(request.POST)
    if form.is_valid():
        material_mark(material=material, status=form.cleaned_data["status"], comment=form.cleaned_data["comment"],
                      by=request.user)
    return redirect("reviews:review_detail", pk=material.review_id)


@require_POST
def advance(request, pk: int):
    """Move the review to the state the school chose, if the workflow allows it."""
    review = _school_review(request, pk)
    target = request.POST.get("to", "")
    changes = {}
    if target == State.ONSITE_SCHEDULED:
        form = ScheduleForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give the appointment's date and time."))
            return redirect("reviews:review_detail", pk=review.pk)
        changes["appointment"] = form.cleaned_data["appointment"]
    if target == State.ONSITE_REQUIRED:
        form = OnsiteForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Say why the review must be on-site."))
            return redirect("reviews:review_detail", pk=review.pk)
        changes["onsite_reason"] = form.cleaned_data["onsite_reason"]
    try:
        State(target)
        review_advance(review=review, to=target, by=request.user, role=Role.STAFF,
                       note=request.POST.get("note", ""), **changes)
        messages.success(request, _("The review is now: %(state)s") % {"state": Review.STATE_LABELS[State(target)]})
    except (RefusedTransition, ValueError) as refused:
        messages.error(request, _("Not possible: %(reason)s") % {"reason": refused})
    return redirect("reviews:review_detail", pk=review.pk)


@require_POST
def certificate(request, pk: int):
    """Record the electronic certificate's annotation and download, and the paper certificate's status."""
    review = _school_review(request, pk)
    instance = get_object_or_404(Certificate, review=review)
    form = CertificateForm(request.POST, instance=instance)
    if form.is_valid():
        saved = form.save(commit=False)
        saved._history_user = request.user
        saved.save()
        messages.success(request, _("Certificate saved."))
    else:
        messages.error(request, _("Check the certificate's dates."))
    return redirect("reviews:review_detail", pk=review.pk)
