"""The public search page and its autocomplete endpoint."""

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import render

from . import service


def search(request):
    query = service.clean_query(request.GET.get("q"))
    context = {"search_query": query}
    status = 200
    if query:
        try:
            context["outcome"] = service.run_search(
                query, request.GET, request.user, page_number=request.GET.get("page")
            )
        except ValidationError as error:
            # The form keeps the query, so the visitor can shorten it.
            context["query_error"] = error.messages[0]
            status = 400
        except service.SearchUnavailable:
            context["unavailable"] = service.UNAVAILABLE
            status = 503
    response = render(request, "search/search.html", context, status=status)
    if status == 503:
        response["Retry-After"] = str(service.RETRY_AFTER)
    return response


def autocomplete(request):
    """Titles for the search box, as JSON; the page works without it."""
    query = service.clean_query(request.GET.get("q"))
    if len(query) < 2:
        return JsonResponse({"results": []})
    try:
        pages = service.autocomplete(query, request.user)
    except ValidationError as error:
        return JsonResponse({"results": [], "message": error.messages[0]}, status=400)
    except service.SearchUnavailable:
        response = JsonResponse(
            {"results": [], "unavailable": True, "message": str(service.UNAVAILABLE)},
            status=503,
        )
        response["Retry-After"] = str(service.RETRY_AFTER)
        return response
    return JsonResponse(
        {
            "results": [
                {"title": page.title, "url": page.get_url(request)} for page in pages
            ]
        }
    )
