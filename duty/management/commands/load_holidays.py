"""Load the statutory holiday calendar from the `chinesecalendar` package (idempotent) (HOLIDAY-1)."""
from django.core.management.base import BaseCommand, CommandError

from core.errors import DomainError
from duty.services.holidays_calendar import load_from_package, package_years


class Command(BaseCommand):
    help = "Load holidays and 调休 make-up workdays from the chinesecalendar package (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="Only this year (default: every year the package covers).")

    def handle(self, *args, **options):
        try:
            result = load_from_package(year=options.get("year"))
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        years = result["years"]
        self.stdout.write(f"{result['created']} created, {result['updated']} updated "
                          f"({years[0]}–{years[-1]}; package covers up to {package_years()[-1]})")
