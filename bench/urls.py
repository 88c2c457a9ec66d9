from django.urls import path

from bench.baseline.views import bare_write
from config.urls import urlpatterns as product_urls

urlpatterns = [path("bench/bare-write/<int:pk>/", bare_write, name="bench-bare-write"), *product_urls]
