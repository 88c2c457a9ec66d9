from stores.pages import stock
from stores.paper import stock as stock_paper

app_name = "stores"

urlpatterns = [*stock.urlpatterns, *stock_paper.urlpatterns]
