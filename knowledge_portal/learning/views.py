"""Front-end pages for learners and teachers. Rules live in services.py."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Locale

from knowledge_portal.core import ratelimits, roles
from knowledge_portal.protocols.membership import can_contribute

from . import services
from .forms import (
    AssignmentChangeForm,
    AssignmentForm,
    ClassForm,
    JoinClassForm,
    JoinForm,
    SignInForm,
)
from .models import Assignment, SchoolClass


def join(request):
    """Sign up with a class code, or join another class when signed in."""
    if request.user.is_authenticated:
        form = JoinClassForm(request.POST or None)
    else:
        form = JoinForm(
            request.POST or None, initial={"language": translation.get_language()}
        )
    if request.method == "POST" and ratelimits.join_limited(request):
        return ratelimits.too_many_attempts(request, "learning/join.html", form)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if request.user.is_authenticated:
            services.join_class(request.user, data["school_class"])
            messages.success(request, _("You joined the class."))
            return redirect("my_learning")
        user = services.create_learner(
            data["username"], data["password1"], data["language"], data["school_class"]
        )
        login(request, user)
        with translation.override(data["language"]):
            return redirect(reverse("my_learning"))
    if request.method == "POST":
        ratelimits.count_unknown_code(request, form)
    return render(request, "learning/join.html", {"form": form})


class LoginView(ratelimits.LimitedLoginMixin, auth_views.LoginView):
    template_name = "learning/login.html"
    authentication_form = SignInForm
    # Django's LoginView would name the site by its host name in the title.
    extra_context = {"site_name": settings.WAGTAIL_SITE_NAME}


@login_required
def my_learning(request):
    items = services.my_learning(request.user, translation.get_language())
    return render(request, "learning/my_learning.html", {"items": items})


@login_required
@require_POST
def mark_assignment_done(request, pk):
    assignment = get_object_or_404(
        Assignment, pk=pk, school_class__memberships__learner=request.user
    )
    services.mark_done(request.user, assignment)
    return redirect("my_learning")


def teacher_required(view):
    @login_required
    def wrapped(request, *args, **kwargs):
        if not roles.has_role(request.user, roles.TEACHER):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def own_class(request, pk):
    """A class of the signed-in teacher; anyone else's is a 404, not a 403,
    so that classes cannot be discovered by number."""
    return get_object_or_404(SchoolClass, pk=pk, teacher=request.user)


@teacher_required
def class_list(request):
    form = ClassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        school_class = services.create_class(
            request.user, form.cleaned_data["school"], form.cleaned_data["name"]
        )
        messages.success(
            request,
            _("Class created. Its code is %(code)s.")
            % {"code": school_class.join_code},
        )
        return redirect("class_detail", pk=school_class.pk)
    return render(
        request,
        "learning/class_list.html",
        {"classes": services.classes_of(request.user), "form": form},
    )


@teacher_required
def class_detail(request, pk):
    school_class = own_class(request, pk)
    form = AssignmentForm(
        request.POST or None,
        groups=services.assignable_by_kind(Locale.get_active(), request.user),
    )
    if request.method == "POST" and form.is_valid():
        services.assign(school_class, teacher=request.user, **form.cleaned_data)
        messages.success(request, _("Assigned to the class."))
        return redirect("class_detail", pk=pk)
    assignments, rows = services.class_progress(school_class)
    return render(
        request,
        "learning/class_detail.html",
        {
            "school_class": school_class,
            "assignments": assignments,
            "rows": rows,
            "progress_chart": services.progress_chart(assignments, rows),
            "form": form,
        },
    )


def own_assignment(request, pk, assignment_pk):
    """An assignment of one of the signed-in teacher's classes, or a 404."""
    return get_object_or_404(
        Assignment.objects.select_related("page", "school_class"),
        pk=assignment_pk,
        school_class=own_class(request, pk),
    )


@teacher_required
def assignment_edit(request, pk, assignment_pk):
    assignment = own_assignment(request, pk, assignment_pk)
    assignment.page = assignment.page.specific  # its title's translation status
    form = AssignmentChangeForm(
        request.POST or None,
        initial={"due_date": assignment.due_date, "note": assignment.note},
    )
    if request.method == "POST" and form.is_valid():
        services.change_assignment(assignment, **form.cleaned_data)
        messages.success(request, _("Assignment changed."))
        return redirect("class_detail", pk=pk)
    return render(
        request,
        "learning/assignment_edit.html",
        {
            "assignment": assignment,
            "school_class": assignment.school_class,
            "form": form,
        },
    )


@teacher_required
def assignment_remove(request, pk, assignment_pk):
    """Asks first (GET), removes on POST, as Django's own delete views do."""
    assignment = own_assignment(request, pk, assignment_pk)
    if request.method == "POST":
        services.remove_assignment(assignment)
        messages.success(request, _("Assignment removed. What learners did is kept."))
        return redirect("class_detail", pk=pk)
    assignment.page = assignment.page.specific  # its title's translation status
    return render(
        request,
        "learning/assignment_remove.html",
        {"assignment": assignment, "school_class": assignment.school_class},
    )


@teacher_required
def class_progress_csv(request, pk):
    school_class = own_class(request, pk)
    response = HttpResponse(
        services.progress_csv(school_class), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="class-{school_class.pk}-progress.csv"'
    )
    return response


@login_required
def after_login(request):
    """Teachers go to their classes, chakramamas to their contributions;
    learners to their learning, in their own language. (A ``next`` address
    is followed before this view is reached.)"""
    if roles.has_role(request.user, roles.TEACHER):
        return redirect("class_list")
    if can_contribute(request.user):
        return redirect("my_contributions")
    language = services.learner_language(request.user) or translation.get_language()
    with translation.override(language):
        return redirect(reverse("my_learning"))
