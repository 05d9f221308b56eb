from django.urls import path

from . import views

urlpatterns = [
    path("", views.grid, name="reporting_grid"),
    path("cell/", views.cell, name="reporting_cell"),
    path("catalogue/", views.catalogue, name="reporting_catalogue"),
    path("submit/", views.submit, name="reporting_submit"),
    path("approve/", views.approve, name="reporting_approve"),
    path("return/", views.send_back, name="reporting_return"),
    path("export.xlsx", views.export_xlsx, name="reporting_export"),
    path("import/", views.import_xlsx, name="reporting_import"),
    path("report/", views.report_page, name="reporting_report"),
    path("report/pdf/", views.request_pdf, name="reporting_request_pdf"),
    path("report/jobs/<int:job_id>/", views.job, name="reporting_job"),
    path("report/jobs/<int:job_id>/download/", views.job_download, name="reporting_job_download"),
]
