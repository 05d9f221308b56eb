from django.http import HttpResponse


def page_not_found(request, exception=None):
    return HttpResponse("404", status=404)


def server_error(request):
    return HttpResponse("500", status=500)


def bad_request(request, exception=None):
    return HttpResponse("400", status=400)


def permission_denied(request, exception=None):
    return HttpResponse("403", status=403)
