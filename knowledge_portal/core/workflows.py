"""What Wagtail's moderation workflow will do next."""

from wagtail.models import Task


def approval_publishes(page):
    """Whether approving the page's current task ends its workflow, which
    publishes it (Wagtail's default finishing action)."""
    state = page.current_workflow_state
    if state is None or state.current_task_state is None:
        return False
    later_tasks = (
        Task.objects.filter(workflow_tasks__workflow=state.workflow, active=True)
        .exclude(task_states__in=state.successful_task_states)
        .exclude(pk=state.current_task_state.task_id)
    )
    return not later_tasks.exists()
