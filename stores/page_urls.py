from stores.pages import counts, freight, parts, receiving, stock, supply, tools
from stores.paper import registers as registers_paper
from stores.paper import stock as stock_paper

app_name = "stores"

urlpatterns = [*stock.urlpatterns, *counts.urlpatterns, *tools.urlpatterns, *supply.urlpatterns,
               *receiving.urlpatterns, *parts.urlpatterns, *freight.urlpatterns, *stock_paper.urlpatterns,
               *registers_paper.urlpatterns]
