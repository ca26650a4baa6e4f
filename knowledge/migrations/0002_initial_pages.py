"""Create the home page and the two pages every deployment must have: the accessibility statement
(deklaracja dostępności, required by the act of 4 April 2019) and the privacy notice (RODO art. 13).
Editors keep them current in Wagtail; the footer links to them by their fixed slugs."""

import json
import uuid

from django.db import migrations

HOME_INTRO = (
    "<p>ZITnet to platforma sieciująca Związków ZIT: miejsce, w którym pracownicy związków, gmin, "
    "powiatów i instytucji społecznych dzielą się dobrymi praktykami, rozwijają podręcznik zarządzania "
    "strategicznego, prowadzą Forum Oceny i Współpracy, znajdują partnerów i zapisują się na szkolenia "
    "sieci.</p>"
)


def _p(html):
    return {"type": "paragraph", "value": html, "id": str(uuid.uuid4())}


def _h(text):
    return {"type": "heading", "value": {"text": text, "level": "h2"}, "id": str(uuid.uuid4())}


ACCESSIBILITY_BODY = [
    _p(
        "<p>Stowarzyszenie Aglomeracja Kalisko-Ostrowska, lider projektu „Sieciowanie Związków ZIT w Polsce” "
        "w obszarze „Zarządzanie i realizacja zasad horyzontalnych w MOF”, zobowiązuje się zapewnić "
        "dostępność platformy ZITnet zgodnie z ustawą z dnia 4 kwietnia 2019 r. o dostępności cyfrowej "
        "stron internetowych i aplikacji mobilnych podmiotów publicznych.</p>"
    ),
    _p(
        "<ul><li>Data publikacji platformy: 2026-11-22.</li>"
        "<li>Data ostatniej istotnej aktualizacji: 2026-11-22.</li></ul>"
    ),
    _h("Stan dostępności cyfrowej"),
    _p(
        "<p>Platforma jest <b>częściowo zgodna</b> ze standardem WCAG 2.1 na poziomie AA. Platforma jest "
        "rozwijana etapami; nowe części serwisu są sprawdzane przed udostępnieniem.</p>"
        "<p>Treści niedostępne lub wyłączenia:</p>"
        "<ul><li>dokumenty PDF i pliki biurowe przesłane przez użytkowników mogą nie być w pełni dostępne;</li>"
        "<li>panel redakcyjny (Wagtail) dla redaktorów nie jest w całości objęty badaniem dostępności.</li></ul>"
    ),
    _h("Przygotowanie deklaracji dostępności"),
    _p(
        "<p>Deklarację sporządzono dnia 2026-11-22 na podstawie samooceny. Każda zmiana platformy jest "
        "sprawdzana automatycznie narzędziem axe-core w testach przeglądarkowych; strona nie może zawierać "
        "błędów dostępności ocenionych jako poważne lub krytyczne.</p>"
    ),
    _h("Skróty klawiaturowe"),
    _p(
        "<p>Na każdej stronie pierwszy klawisz Tab odsłania odnośnik „Przejdź do treści”. Serwis obsługuje "
        "standardowe skróty przeglądarki; wszystkie funkcje są dostępne z klawiatury.</p>"
    ),
    _h("Informacje zwrotne i dane kontaktowe"),
    _p(
        "<p>W przypadku problemów z dostępnością platformy prosimy o kontakt z koordynatorem sieci. "
        "Dane kontaktowe osoby odpowiedzialnej uzupełnia administrator platformy w panelu redakcyjnym. "
        "Tą samą drogą można składać wnioski o udostępnienie informacji niedostępnej oraz wnioski o "
        "zapewnienie dostępności cyfrowej.</p>"
    ),
    _h("Procedura wnioskowo-skargowa"),
    _p(
        "<p>Każdy ma prawo do wystąpienia z żądaniem zapewnienia dostępności cyfrowej strony internetowej "
        "lub jej elementu. Można także zażądać udostępnienia informacji za pomocą alternatywnego sposobu "
        "dostępu. Żądanie powinno zawierać dane osoby zgłaszającej, wskazanie strony lub elementu oraz "
        "sposób kontaktu. Podmiot publiczny realizuje żądanie niezwłocznie, nie później niż w ciągu 7 dni "
        "od jego wystąpienia; jeżeli nie jest to możliwe, informuje o terminie, nie dłuższym niż 2 miesiące.</p>"
        "<p>W przypadku odmowy lub niedotrzymania terminu można złożyć skargę na zapewnienie dostępności. "
        "Po wyczerpaniu tej procedury można złożyć wniosek do Rzecznika Praw Obywatelskich.</p>"
    ),
    _h("Dostępność architektoniczna i aplikacje mobilne"),
    _p(
        "<p>Platforma działa wyłącznie w internecie. Informacje o dostępności siedzib partnerów sieci "
        "znajdują się na ich stronach. Platforma nie udostępnia aplikacji mobilnych; działa w przeglądarce "
        "na urządzeniach mobilnych.</p>"
    ),
]

PRIVACY_BODY = [
    _h("Administrator danych"),
    _p(
        "<p>Administratorem danych osobowych użytkowników platformy ZITnet jest Stowarzyszenie Aglomeracja "
        "Kalisko-Ostrowska, lider projektu „Sieciowanie Związków ZIT w Polsce” finansowanego z Programu "
        "Pomoc Techniczna dla Funduszy Europejskich 2021–2027.</p>"
    ),
    _h("Jakie dane przetwarzamy i po co"),
    _p(
        "<ul><li>dane konta (adres e-mail, imię, nazwisko, stanowisko) — aby prowadzić konto i umożliwić "
        "współpracę w sieci (art. 6 ust. 1 lit. b i e RODO);</li>"
        "<li>członkostwo w organizacjach i role — aby nadawać uprawnienia;</li>"
        "<li>dziennik logowań (data, adres IP) — aby chronić konta przed nadużyciami (art. 6 ust. 1 lit. f "
        "RODO).</li></ul>"
    ),
    _h("Twoje prawa"),
    _p(
        "<p>Masz prawo dostępu do swoich danych, ich sprostowania, usunięcia, ograniczenia przetwarzania, "
        "przenoszenia oraz sprzeciwu. Na stronie „Prywatność” w swoim koncie możesz w każdej chwili pobrać "
        "wszystkie swoje dane (plik JSON) i usunąć konto. Po usunięciu konta zachowujemy wyłącznie dane "
        "zbiorcze bez możliwości identyfikacji osoby. Przysługuje Ci także skarga do Prezesa Urzędu Ochrony "
        "Danych Osobowych.</p>"
    ),
    _h("Jak długo przechowujemy dane"),
    _p(
        "<p>Dane konta przechowujemy do czasu jego usunięcia, a dane wymagane do rozliczenia projektu — "
        "przez okres wskazany w umowie o dofinansowanie.</p>"
    ),
    _h("Pliki cookie"),
    _p(
        "<p>Używamy wyłącznie niezbędnych plików cookie: sesji, ochrony formularzy (CSRF) i wybranego "
        "języka. Nie używamy narzędzi analitycznych ani reklamowych.</p>"
    ),
]


def create_pages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("knowledge.HomePage")
    StandardPage = apps.get_model("knowledge.StandardPage")

    if HomePage.objects.exists():
        return
    locale = Locale.objects.order_by("pk").first() or Locale.objects.create(language_code="pl")
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    Page.objects.filter(content_type=page_type, depth=2, slug="home").delete()
    root = Page.objects.get(depth=1)
    home_type, _ = ContentType.objects.get_or_create(app_label="knowledge", model="homepage")
    standard_type, _ = ContentType.objects.get_or_create(app_label="knowledge", model="standardpage")

    home = HomePage.objects.create(
        title="ZITnet — sieć Związków ZIT",
        draft_title="ZITnet — sieć Związków ZIT",
        seo_title="ZITnet — platforma sieciująca Związków ZIT",
        slug="home",
        content_type=home_type,
        locale=locale,
        path=root.path + "0001",
        depth=2,
        numchild=2,
        url_path="/home/",
        live=True,
        introduction=HOME_INTRO,
        body="[]",
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    for position, (title, slug, intro, body) in enumerate(
        [
            (
                "Deklaracja dostępności",
                "deklaracja-dostepnosci",
                "Deklaracja dostępności platformy ZITnet.",
                ACCESSIBILITY_BODY,
            ),
            (
                "Polityka prywatności",
                "polityka-prywatnosci",
                "Jak platforma ZITnet przetwarza dane osobowe i jakie masz prawa.",
                PRIVACY_BODY,
            ),
        ],
        start=1,
    ):
        StandardPage.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=standard_type,
            locale=locale,
            path=home.path + f"{position:04d}",
            depth=3,
            numchild=0,
            url_path=f"/home/{slug}/",
            live=True,
            show_in_menus=False,
            introduction=intro,
            body=json.dumps(body, ensure_ascii=False),
        )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "ZITnet"},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
