"""Demo events from the seeds (000–002), in Polish: the series, their workshops and visits, a few registrations.

Dates and places are the seeds' where they give them (the MOF4US education cycle of autumn 2025 in seed 002).
Seed 001 (the strategic-management module, 2025–2026) and seed 000 (the CAL/SCAL tasks of ZIT WrOF) give no
dates: those events get plausible 2026 dates, marked "assumed" below, with a few still ahead in December 2026.
Idempotent: events and series by slug, registrations by (event, person). Registrations are written as demo
state rather than through the services: most of the events are past, their windows closed, and a demo run sends
no e-mails.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from zitnet.accounts.enums import MembershipStatus
from zitnet.accounts.models import Membership, User
from zitnet.directory.enums import Voivodeship as V

from . import leaders
from .enums import AttendanceSource, Audience, EventKind, EventMode, RegistrationStatus
from .models import Event, EventSeries, LeaderSelection, Registration

WARSAW = ZoneInfo("Europe/Warsaw")
K, M = EventKind, EventMode

# Seed 001: the voivodeships the strategic-management network plans to reach (they get places first, after
# new 2021–2027 associations).
MODULE_TARGETS = [V.WIELKOPOLSKIE, V.DOLNOSLASKIE, V.KUJAWSKO_POMORSKIE, V.LODZKIE, V.ZACHODNIOPOMORSKIE]

SERIES = {
    "modul-zarzadzania-strategicznego": (
        "Moduł zarządzania strategicznego",
        "Korpus Liderów Samorządowych: 4 warsztaty o zasadach horyzontalnych w perspektywie 2021–2027, "
        "5 warsztatów z zarządzania projektami, 5 warsztatów z zarządzania rozwojem MOF (w tym zarządzania "
        "strategicznego) i 5 superwizji dla grup sieci. Spośród osób, które wezmą udział w co najmniej 10 formach "
        "wsparcia, wyłonimy 15 Liderów. Pierwszeństwo mają przedstawiciele Związków ZIT nowo powołanych "
        "w perspektywie 2021–2027.",
    ),
    "modul-partnerstwa-i-wymiany-wiedzy": (
        "Moduł dotyczący partnerstwa i wymiany wiedzy",
        "Forum Oceny i Współpracy, wizyta studyjna i konferencja podsumowująca projekt „Sieciowanie Związków "
        "ZIT w Polsce” w obszarze zarządzania i realizacji zasad horyzontalnych w MOF.",
    ),
    "mof4us-nowoczesna-edukacja": (
        "MOF4US – cykl szkoleniowy: nowoczesna edukacja",
        "Cykl Sieci Współpracy „Usługi Społeczne w MOF – MOF4US” o edukacji włączającej, otwartej i budującej "
        "społeczne zaangażowanie: warsztat stacjonarny w Krakowie i trzy webinary z ekspertami Instytutu Nauki "
        "Lektikon oraz praktykami z miejskich obszarów funkcjonalnych. Rekrutacja na każde wydarzenie odrębnie.",
    ),
    "mof4us-edukacja-wlaczajaca": (
        "MOF4US – edukacja włączająca: wspólne rozwiązania gmin w MOF",
        "Narzędzie współpracy ponadlokalnej na rzecz edukacji włączającej: konsultacje potrzeb, propozycje "
        "rozwiązań, pilotaż w wybranych gminach (styczeń–wrzesień 2026) i szkolenie online dla gmin.",
    ),
    "mof4us-mlodzi-aktywni": (
        "MOF4US – Młodzi aktywni w MOF",
        "Ponadlokalny potencjał edukacji obywatelskiej: warsztaty z młodzieżowymi radami gmin, które wspólnie "
        "z ekspertem wypracowują rekomendacje i narzędzia dla gmin MOF.",
    ),
    "mof4us-centra-aktywnosci-lokalnej": (
        "MOF4US – Centra Aktywności Lokalnej (CAL/SCAL)",
        "Zadania ZIT WrOF w sieci MOF4US: upowszechnienie Modelu Funkcjonowania Centrów Aktywności Lokalnej "
        "w trzech wariantach (obszar wiejski, miejsko-wiejski i miejski) – konferencja, 6 wizyt studyjnych "
        "i 3 otwarte szkolenia/webinaria dla 120 uczestników.",
    ),
    "mof4us-uslugi-srodowiskowe": (
        "MOF4US – wizyty studyjne: usługi środowiskowe",
        "Dwie wizyty studyjne Metropolii Krakowskiej dotyczące usług środowiskowych i usług świadczonych "
        "w miejscu zamieszkania.",
    ),
}


@dataclass(frozen=True)
class DemoEvent:
    slug: str
    title: str
    kind: str
    series: str
    organiser: str  # short name of a demo organisation
    starts: tuple  # (year, month, day, hour, minute), Europe/Warsaw
    hours: float = 5
    days: int = 1
    mode: str = M.ONSITE
    address: str = ""
    capacity: int | None = 30
    audience: str = Audience.PUBLIC
    description: str = ""
    targets: list = field(default_factory=list)
    materials: str = ""


MODULE = "modul-zarzadzania-strategicznego"
PARTNERSHIP = "modul-partnerstwa-i-wymiany-wiedzy"

HORIZONTAL = (
    "Warsztat szkoleniowy o zasadach horyzontalnych w perspektywie 2021–2027, prowadzony przez doświadczonego "
    "trenera-eksperta, interaktywny, z praktycznymi ćwiczeniami; bezpłatny dla uczestników. "
)
PROJECTS = "Warsztat szkoleniowy dotyczący zarządzania projektami, z ćwiczeniami na przykładach z MOF. "
DEVELOPMENT = "Warsztat dotyczący zarządzania rozwojem MOF, w tym zarządzania strategicznego. "
SUPERVISION = "Superwizja dla grupy sieci: praca na sytuacjach z codziennej pracy uczestników. "

EVENTS = [
    # --- Seed 001, strategic-management module. No dates in the seed: assumed 2026 dates. -------------------
    # 4 workshops on horizontal principles, organised by the Wałbrzych partner (ZIT AW).
    DemoEvent(
        "zasady-horyzontalne-1-rownosc-kobiet-i-mezczyzn",
        "Zasady horyzontalne 1: zasada równości kobiet i mężczyzn",
        K.WORKSHOP,
        MODULE,
        "ZIT AW",
        (2026, 2, 12, 10, 0),
        address="Wałbrzych",
        description=HORIZONTAL
        + "Jak stosować zasadę równości kobiet i mężczyzn w projektach i naborach ZIT.",
        targets=MODULE_TARGETS,
        materials="Prezentacja trenerki i lista kontrolna do oceny projektów – do pobrania dla uczestników.",
    ),
    DemoEvent(
        "zasady-horyzontalne-2-rownosc-szans-i-dostepnosc",
        "Zasady horyzontalne 2: równość szans i niedyskryminacja, w tym dostępność",
        K.WORKSHOP,
        MODULE,
        "ZIT AW",
        (2026, 3, 12, 10, 0),
        hours=4,
        mode=M.ONLINE,
        description=HORIZONTAL
        + "Zasada równości szans i niedyskryminacji, w tym dostępności dla osób z niepełnosprawnościami.",
        targets=MODULE_TARGETS,
    ),
    DemoEvent(
        "zasady-horyzontalne-3-zrownowazony-rozwoj",
        "Zasady horyzontalne 3: zasada zrównoważonego rozwoju",
        K.WORKSHOP,
        MODULE,
        "ZIT AW",
        (2026, 4, 16, 10, 0),
        address="Wałbrzych",
        description=HORIZONTAL + "Zasada zrównoważonego rozwoju w strategiach i projektach ZIT.",
        targets=MODULE_TARGETS,
    ),
    DemoEvent(
        "zasady-horyzontalne-4-dnsh",
        "Zasady horyzontalne 4: zasada „nie czyń poważnych szkód” (DNSH)",
        K.WORKSHOP,
        MODULE,
        "ZIT AW",
        (2026, 5, 14, 10, 0),
        hours=4,
        mode=M.ONLINE,
        description=HORIZONTAL
        + "Zasada „nie czyń poważnych szkód” (ang. Do No Significant Harm) w praktyce.",
        targets=MODULE_TARGETS,
    ),
    # 5 workshops on project management and 5 supervisions, organised by Jelenia Góra (ZIT AJ).
    DemoEvent(
        "zarzadzanie-projektami-1-planowanie",
        "Zarządzanie projektami 1: planowanie i zarządzanie projektami",
        K.WORKSHOP,
        MODULE,
        "ZIT AJ",
        (2026, 2, 26, 10, 0),
        address="Jelenia Góra",
        description=PROJECTS + "Planowanie, harmonogram, budżet i zespół projektu.",
        targets=MODULE_TARGETS,
    ),
    DemoEvent(
        "zarzadzanie-projektami-2-monitorowanie-i-ewaluacja",
        "Zarządzanie projektami 2: monitorowanie i ewaluacja projektów",
        K.WORKSHOP,
        MODULE,
        "ZIT AJ",
        (2026, 3, 26, 10, 0),
        hours=4,
        mode=M.ONLINE,
        description=PROJECTS + "Wskaźniki, monitorowanie postępu i ewaluacja efektów.",
        targets=MODULE_TARGETS,
    ),
    DemoEvent(
        "zarzadzanie-projektami-3-zamowienia-publiczne",
        "Zarządzanie projektami 3: zasady udzielania zamówień publicznych w projektach",
        K.WORKSHOP,
        MODULE,
        "ZIT AJ",
        (2026, 4, 23, 10, 0),
        hours=4,
        mode=M.ONLINE,
        description=PROJECTS + "Zamówienia publiczne w projektach współfinansowanych z funduszy UE.",
        targets=MODULE_TARGETS,
    ),
    DemoEvent(
        "zarzadzanie-projektami-4-zarzadzanie-ryzykiem",
        "Zarządzanie projektami 4: zarządzanie ryzykiem w projektach",
        K.WORKSHOP,
        MODULE,
        "ZIT AJ",
        (2026, 6, 18, 10, 0),
        address="Jelenia Góra",
        description=PROJECTS + "Identyfikacja, ocena i ograniczanie ryzyk; plan reagowania.",
        targets=MODULE_TARGETS,
    ),
    DemoEvent(
        "zarzadzanie-projektami-5-sztuczna-inteligencja",
        "Zarządzanie projektami 5: wykorzystanie sztucznej inteligencji w zarządzaniu projektami",
        K.WORKSHOP,
        MODULE,
        "ZIT AJ",
        (2026, 12, 3, 10, 0),
        mode=M.HYBRID,
        address="Jelenia Góra",
        capacity=40,
        description=PROJECTS
        + "Narzędzia AI w planowaniu, komunikacji i raportowaniu – możliwości i granice.",
        targets=MODULE_TARGETS,
    ),
    DemoEvent(
        "superwizja-1-zarzadzanie-zmiana",
        "Superwizja 1: zarządzanie zmianą w instytucjach",
        K.SUPERVISION,
        MODULE,
        "ZIT AJ",
        (2026, 3, 19, 12, 0),
        hours=3,
        mode=M.ONLINE,
        capacity=12,
        audience=Audience.MEMBERS,
        description=SUPERVISION + "Zarządzanie zmianą w instytucjach.",
    ),
    DemoEvent(
        "superwizja-2-ryzyko-i-sytuacje-kryzysowe",
        "Superwizja 2: zarządzanie ryzykiem i reagowanie w sytuacjach kryzysowych",
        K.SUPERVISION,
        MODULE,
        "ZIT AJ",
        (2026, 5, 28, 12, 0),
        hours=3,
        mode=M.ONLINE,
        capacity=12,
        audience=Audience.MEMBERS,
        description=SUPERVISION + "Zarządzanie ryzykiem i reagowanie w sytuacjach kryzysowych.",
    ),
    DemoEvent(
        "superwizja-3-wspolpraca-miedzyinstytucjonalna",
        "Superwizja 3: współpraca międzyinstytucjonalna",
        K.SUPERVISION,
        MODULE,
        "ZIT AJ",
        (2026, 9, 24, 12, 0),
        hours=3,
        mode=M.ONLINE,
        capacity=12,
        audience=Audience.MEMBERS,
        description=SUPERVISION
        + "Koordynacja działań różnych podmiotów, budowanie partnerstw i zarządzanie konfliktami.",
    ),
    DemoEvent(
        "superwizja-4-kompetencje-liderow",
        "Superwizja 4: kompetencje liderów w instytucjach publicznych",
        K.SUPERVISION,
        MODULE,
        "ZIT AJ",
        (2026, 11, 19, 12, 0),
        hours=3,
        mode=M.ONLINE,
        capacity=12,
        audience=Audience.MEMBERS,
        description=SUPERVISION + "Kompetencje liderów w instytucjach publicznych.",
    ),
    # Full, with a waiting list (see REGISTRATIONS): a small group for the last supervision.
    DemoEvent(
        "superwizja-5-komunikacja-i-emocje",
        "Superwizja 5: komunikacja, kultura pracy i zarządzanie emocjami",
        K.SUPERVISION,
        MODULE,
        "ZIT AJ",
        (2026, 12, 10, 12, 0),
        hours=3,
        mode=M.ONLINE,
        capacity=4,
        audience=Audience.MEMBERS,
        description=SUPERVISION
        + "Komunikacja i kultura pracy; zarządzanie emocjami w pracy. Mała grupa: 4 miejsca.",
    ),
    # 5 workshops on developing the functional area, organised by the leader (ZIT AKO).
    DemoEvent(
        "rozwoj-mof-1-opracowanie-i-aktualizacja-strategii",
        "Rozwój MOF 1: jak opracować i aktualizować strategię ZIT lub strategię rozwoju ponadlokalnego",
        K.WORKSHOP,
        MODULE,
        "ZIT AKO",
        (2026, 3, 5, 10, 0),
        address="Kalisz",
        description=DEVELOPMENT
        + "Proces opracowania oraz aktualizacji strategii ZIT i strategii ponadlokalnej.",
        targets=MODULE_TARGETS,
    ),
    DemoEvent(
        "rozwoj-mof-2-planowanie-strategiczne",
        "Rozwój MOF 2: jak planować strategicznie?",
        K.WORKSHOP,
        MODULE,
        "ZIT AKO",
        (2026, 4, 9, 10, 0),
        hours=4,
        mode=M.ONLINE,
        description=DEVELOPMENT + "Planowanie strategiczne w obszarze funkcjonalnym krok po kroku.",
        targets=MODULE_TARGETS,
    ),
    DemoEvent(
        "rozwoj-mof-3-strategia-ponadlokalna-a-gminna",
        "Rozwój MOF 3: strategia ponadlokalna a strategia rozwoju gminy i powiatu",
        K.WORKSHOP,
        MODULE,
        "ZIT AKO",
        (2026, 5, 21, 10, 0),
        address="Ostrów Wielkopolski",
        description=DEVELOPMENT
        + "Jak powiązać strategię rozwoju ponadlokalnego ze strategią rozwoju gminy lub powiatu.",
        targets=MODULE_TARGETS,
    ),
    DemoEvent(
        "rozwoj-mof-4-monitorowanie-i-ewaluacja-strategii",
        "Rozwój MOF 4: monitorowanie i ewaluacja strategii ZIT",
        K.WORKSHOP,
        MODULE,
        "ZIT AKO",
        (2026, 10, 15, 10, 0),
        hours=4,
        mode=M.ONLINE,
        description=DEVELOPMENT
        + "Ewaluacja i monitorowanie strategii ZIT i strategii rozwoju ponadlokalnego w praktyce.",
        targets=MODULE_TARGETS,
    ),
    DemoEvent(
        "rozwoj-mof-5-nowe-gminy-w-obszarze-funkcjonalnym",
        "Rozwój MOF 5: przystąpienie nowych gmin do obszaru funkcjonalnego",
        K.WORKSHOP,
        MODULE,
        "ZIT AKO",
        (2026, 12, 17, 10, 0),
        address="Kalisz",
        capacity=30,
        description=DEVELOPMENT
        + "Jakie są wyzwania i możliwości związane z przystąpieniem nowych gmin do obszaru funkcjonalnego?",
        targets=MODULE_TARGETS,
    ),
    # --- Seed 001, partnership module: the study visit (ZIT AJ, 2 days, at least 20 people) and the closing
    # conference (ZIT AW). No dates in the seed: assumed. -----------------------------------------------------
    DemoEvent(
        "wizyta-studyjna-aglomeracja-jeleniogorska",
        "Wizyta studyjna w Aglomeracji Jeleniogórskiej",
        K.STUDY_VISIT,
        PARTNERSHIP,
        "ZIT AJ",
        (2026, 9, 10, 9, 0),
        hours=8,
        days=2,
        address="Jelenia Góra",
        capacity=25,
        description="Dwa dni: wizyty na miejscu realizacji przedsięwzięć i warsztaty – metody zarządzania, "
        "zintegrowane podejście do rozwoju terytorialnego, sposoby wdrażania polityki spójności.",
        targets=MODULE_TARGETS,
    ),
    DemoEvent(
        "konferencja-podsumowujaca-sieciowanie-zwiazkow-zit",
        "Konferencja podsumowująca projekt „Sieciowanie Związków ZIT w Polsce”",
        K.CONFERENCE,
        PARTNERSHIP,
        "ZIT AW",
        (2026, 12, 8, 10, 0),
        hours=6,
        address="Wałbrzych",
        capacity=120,
        description="Podsumowanie sieci „Zarządzanie i realizacja zasad horyzontalnych w MOF”: wyniki Forum "
        "Oceny i Współpracy, „Podręcznik zarządzania strategicznego w Związkach ZIT” i Korpus Liderów "
        "Samorządowych.",
    ),
    # --- Seed 002, MOF4US education cycle of ZIT Kraków: dates as given (autumn 2025). Hours are assumed
    # where the seed gives none. ------------------------------------------------------------------------------
    DemoEvent(
        "mof4us-warsztat-inauguracyjny-nowoczesna-edukacja",
        "MOF4US: warsztat inaugurujący cykl „Nowoczesna edukacja”",
        K.WORKSHOP,
        "mof4us-nowoczesna-edukacja",
        "ZIT Kraków",
        (2025, 9, 25, 10, 0),
        address="Kraków",
        capacity=40,
        description="Pięciogodzinny warsztat stacjonarny: praktyczne metody tworzenia przestrzeni edukacyjnej "
        "dostosowanej do potrzeb uczniów i mieszkańców; co sprzyja efektywnemu uczeniu się i jak współpracować "
        "ponad granicami gmin, by projektować otwarte miejsca zdobywania wiedzy.",
        materials="Notatka z warsztatu i materiały prowadzących.",
    ),
    DemoEvent(
        "mof4us-webinar-1-wspolpraca-instytucji",
        "MOF4US webinar 1: Współpraca instytucji kluczem do sukcesu",
        K.WEBINAR,
        "mof4us-nowoczesna-edukacja",
        "ZIT Kraków",
        (2025, 10, 24, 10, 0),
        hours=2,
        mode=M.ONLINE,
        capacity=100,
        description="Jak łączyć siły szkół, przedszkoli, placówek specjalistycznych i innych instytucji w gminach "
        "MOF, by wspólnie wdrażać edukację włączającą. Prowadzą eksperci Instytutu Nauki Lektikon.",
        materials="Nagranie webinaru i prezentacja ekspertów Instytutu Nauki Lektikon.",
    ),
    DemoEvent(
        "mof4us-webinar-2-szkola-otwarta-na-wszystkich",
        "MOF4US webinar 2: Szkoła otwarta na wszystkich",
        K.WEBINAR,
        "mof4us-nowoczesna-edukacja",
        "ZIT Kraków",
        (2025, 11, 28, 10, 0),
        hours=2,
        mode=M.ONLINE,
        capacity=100,
        description="Szkoła jako centrum lokalnej wspólnoty: jak budować kulturę zaangażowania, współpracy "
        "i otwartości w społeczności szkolnej.",
    ),
    DemoEvent(
        "mof4us-webinar-3-edukacja-nieformalna",
        "MOF4US webinar 3: Edukacja nieformalna w służbie społeczeństwu",
        K.WEBINAR,
        "mof4us-nowoczesna-edukacja",
        "ZIT Kraków",
        (2025, 12, 12, 10, 0),
        hours=2,
        mode=M.ONLINE,
        capacity=100,
        description="Rola edukacji nieformalnej w kształtowaniu kompetencji obywatelskich i społecznych: "
        "doświadczenia Lokalnych Ośrodków Wiedzy i Edukacji, Uniwersytetów Ludowych i młodzieżowych rad.",
    ),
    DemoEvent(
        "mof4us-edukacja-wlaczajaca-konsultacje",
        "MOF4US: edukacja włączająca – spotkanie konsultacyjne z ekspertką",
        K.CONSULTATION,
        "mof4us-edukacja-wlaczajaca",
        "ZIT Kraków",
        (2025, 10, 2, 10, 0),
        hours=2,
        mode=M.ONLINE,
        capacity=50,
        description="Spotkanie na platformie ZOOM: diagnoza potrzeb w zakresie działań wspierających wdrożenie "
        "edukacji włączającej, możliwych do realizacji na poziomie metropolitalnym.",
    ),
    DemoEvent(
        # The seed says "December 2026"; the day is assumed.
        "mof4us-edukacja-wlaczajaca-szkolenie-narzedzie",
        "MOF4US: narzędzie współpracy na rzecz edukacji włączającej – szkolenie online",
        K.WEBINAR,
        "mof4us-edukacja-wlaczajaca",
        "ZIT Kraków",
        (2026, 12, 9, 10, 0),
        hours=2,
        mode=M.ONLINE,
        capacity=100,
        description="Zwieńczenie pilotażu: przedstawiciele gmin poznają szczegóły opracowanego narzędzia "
        "i otrzymają wskazówki dotyczące jego praktycznego wykorzystania.",
    ),
    DemoEvent(
        # The seed gives the day only; the place is assumed to be Kraków, like the other on-site workshops.
        "mof4us-mlodzi-aktywni-warsztaty-wstepne",
        "Młodzi aktywni w MOF: warsztaty i konsultacje wstępne",
        K.WORKSHOP,
        "mof4us-mlodzi-aktywni",
        "ZIT Kraków",
        (2025, 10, 10, 10, 0),
        hours=4,
        address="Kraków",
        description="Identyfikacja najważniejszych potrzeb i tematów istotnych dla młodzieży w obszarze "
        "edukacji obywatelskiej.",
    ),
    DemoEvent(
        "mof4us-mlodzi-aktywni-warsztat-krakow",
        "Młodzi aktywni w MOF: warsztat stacjonarny dla rad młodzieżowych",
        K.WORKSHOP,
        "mof4us-mlodzi-aktywni",
        "ZIT Kraków",
        (2025, 10, 22, 10, 0),
        hours=4,
        address="Kraków",
        description="Pierwsza z trzech sesji: młodzi radni z ekspertem i partnerami metropolitalnymi opracowują "
        "propozycje działań i komponentów edukacyjnych.",
    ),
    DemoEvent(
        "mof4us-mlodzi-aktywni-warsztat-online-1",
        "Młodzi aktywni w MOF: warsztat online dla rad młodzieżowych (sesja 2)",
        K.WORKSHOP,
        "mof4us-mlodzi-aktywni",
        "ZIT Kraków",
        (2025, 11, 5, 16, 0),
        hours=2,
        mode=M.ONLINE,
        description="Druga sesja warsztatowa z młodzieżowymi radami gmin.",
    ),
    DemoEvent(
        "mof4us-mlodzi-aktywni-warsztat-online-2",
        "Młodzi aktywni w MOF: warsztat online dla rad młodzieżowych (sesja 3)",
        K.WORKSHOP,
        "mof4us-mlodzi-aktywni",
        "ZIT Kraków",
        (2025, 11, 19, 16, 0),
        hours=2,
        mode=M.ONLINE,
        description="Trzecia sesja: zestaw rekomendacji – inicjatywy społeczne, zajęcia, warsztaty i materiały "
        "o prawach i obowiązkach obywatelskich.",
    ),
    DemoEvent(
        # "At the end of the process": the date is assumed.
        "mof4us-mlodzi-aktywni-podsumowanie",
        "Młodzi aktywni w MOF: webinar podsumowujący",
        K.WEBINAR,
        "mof4us-mlodzi-aktywni",
        "ZIT Kraków",
        (2026, 1, 28, 16, 0),
        hours=2,
        mode=M.ONLINE,
        capacity=100,
        description="Młodzi przedstawiciele rad prezentują efekty swojej pracy; dokument z rekomendacjami trafi "
        "do gmin i partnerów Metropolii Krakowskiej.",
    ),
    # --- Seed 000, MOF4US tasks without dates: assumed 2026 dates. ---------------------------------------------
    DemoEvent(
        "mof4us-wizyta-studyjna-uslugi-srodowiskowe-1",
        "MOF4US: wizyta studyjna – usługi środowiskowe",
        K.STUDY_VISIT,
        "mof4us-uslugi-srodowiskowe",
        "ZIT Kraków",
        (2026, 4, 22, 9, 0),
        hours=8,
        address="Kraków",
        capacity=20,
        description="Wizyta dotycząca usług środowiskowych w gminach Metropolii Krakowskiej.",
    ),
    DemoEvent(
        "mof4us-wizyta-studyjna-uslugi-w-miejscu-zamieszkania-2",
        "MOF4US: wizyta studyjna – usługi świadczone w miejscu zamieszkania",
        K.STUDY_VISIT,
        "mof4us-uslugi-srodowiskowe",
        "ZIT Kraków",
        (2026, 10, 7, 9, 0),
        hours=8,
        address="Kraków",
        capacity=20,
        description="Wizyta dotycząca usług świadczonych w miejscu zamieszkania.",
    ),
    DemoEvent(
        "mof4us-konferencja-cal-scal",
        "MOF4US: konferencja o Modelu CAL/SCAL",
        K.CONFERENCE,
        "mof4us-centra-aktywnosci-lokalnej",
        "ZIT WrOF",
        (2026, 10, 21, 10, 0),
        hours=7,
        days=2,
        address="Wrocław",
        capacity=120,
        description="Dwudniowe wydarzenie dla 120 uczestników: upowszechnienie Modelu Funkcjonowania Centrów "
        "Aktywności Lokalnej i wymiana doświadczeń.",
    ),
    *[
        DemoEvent(
            f"mof4us-wizyta-studyjna-cal-{n}",
            f"MOF4US: wizyta studyjna w centrach aktywności lokalnej nr {n} ({area})",
            K.STUDY_VISIT,
            "mof4us-centra-aktywnosci-lokalnej",
            "ZIT WrOF",
            starts,
            hours=7,
            address=place,
            capacity=20,
            description="Wizyta w doświadczonym CAL: aktywizacja i integracja społeczności lokalnych "
            f"– wariant: {area}.",
        )
        for n, (starts, area, place) in enumerate(
            [
                ((2026, 3, 18, 9, 0), "obszar miejski", "Wrocław"),
                ((2026, 4, 29, 9, 0), "obszar miejsko-wiejski", "Wrocławski Obszar Funkcjonalny"),
                ((2026, 5, 27, 9, 0), "obszar wiejski", "Wrocławski Obszar Funkcjonalny"),
                ((2026, 6, 24, 9, 0), "obszar miejski", "Wrocław"),
                ((2026, 9, 16, 9, 0), "obszar miejsko-wiejski", "Wrocławski Obszar Funkcjonalny"),
                ((2026, 12, 2, 9, 0), "obszar wiejski", "Wrocławski Obszar Funkcjonalny"),
            ],
            start=1,
        )
    ],
    *[
        DemoEvent(
            f"mof4us-szkolenie-cal-{n}",
            f"MOF4US: otwarte szkolenie online – {topic}",
            K.TRAINING,
            "mof4us-centra-aktywnosci-lokalnej",
            "ZIT WrOF",
            starts,
            hours=3,
            mode=M.ONLINE,
            capacity=40,
            description="Wiedza i kompetencje do tworzenia CAL na terenie własnego MOF: " + topic + ".",
        )
        for n, (starts, topic) in enumerate(
            [
                ((2026, 2, 18, 10, 0), "jak założyć centrum aktywności lokalnej"),
                ((2026, 6, 10, 10, 0), "animacja społeczności sąsiedzkich"),
                ((2026, 11, 4, 10, 0), "CAL w obszarze wiejskim i miejsko-wiejskim"),
            ],
            start=1,
        )
    ],
]

# Organisers (people) by organisation: the demo logins who run that organisation's events.
ORGANISER_LOGINS = {
    "ZIT AKO": ["koordynator@zitnet.test"],
    "ZIT AJ": ["moderator@zitnet.test"],
    "ZIT AW": ["gospodarz@zitnet.test"],
    "ZIT WrOF": ["magdalena.koprowska@zitnet.test"],
}

FULL_EVENT = "superwizja-5-komunikacja-i-emocje"

# (event slug, e-mail, status) in order of registration; the person's organisation is their membership's.
REGISTRATIONS = [
    (FULL_EVENT, "redaktor@zitnet.test", RegistrationStatus.CONFIRMED),
    (FULL_EVENT, "gospodarz@zitnet.test", RegistrationStatus.CONFIRMED),
    (FULL_EVENT, "magdalena.koprowska@zitnet.test", RegistrationStatus.CONFIRMED),
    (FULL_EVENT, "ekspert@zitnet.test", RegistrationStatus.CONFIRMED),
    (FULL_EVENT, "obserwator@zitnet.test", RegistrationStatus.WAITLISTED),
    (FULL_EVENT, "adam.michalak@zitnet.test", RegistrationStatus.WAITLISTED),
    *[
        (slug, "obserwator@zitnet.test", RegistrationStatus.CONFIRMED)
        for slug in [
            "zasady-horyzontalne-1-rownosc-kobiet-i-mezczyzn",
            "zarzadzanie-projektami-1-planowanie",
            "rozwoj-mof-1-opracowanie-i-aktualizacja-strategii",
            "superwizja-1-zarzadzanie-zmiana",
            "rozwoj-mof-4-monitorowanie-i-ewaluacja-strategii",
            "konferencja-podsumowujaca-sieciowanie-zwiazkow-zit",
        ]
    ],
    *[
        (slug, "czlonek@zitnet.test", RegistrationStatus.CONFIRMED)
        for slug in [
            "mof4us-warsztat-inauguracyjny-nowoczesna-edukacja",
            "mof4us-webinar-1-wspolpraca-instytucji",
            "mof4us-webinar-2-szkola-otwarta-na-wszystkich",
            "mof4us-konferencja-cal-scal",
            "mof4us-edukacja-wlaczajaca-szkolenie-narzedzie",
        ]
    ],
    (
        "konferencja-podsumowujaca-sieciowanie-zwiazkow-zit",
        "redaktor@zitnet.test",
        RegistrationStatus.CONFIRMED,
    ),
    (
        "konferencja-podsumowujaca-sieciowanie-zwiazkow-zit",
        "ekspert@zitnet.test",
        RegistrationStatus.CONFIRMED,
    ),
]


# --- Seed 001: the Leaders' Corps. Participants of the strategic-management module with their attendance of its
# past events (12 workshops up to October 2026 and 4 supervisions up to November 2026): "15 leaders among those who
# took part in at least 10 forms of support, priority for ZIT associations new in 2021–2027". The people are
# invented, members of the seeds' associations (some also observe at the Forum); they do not log in.
PAST_WORKSHOPS = [
    "zasady-horyzontalne-1-rownosc-kobiet-i-mezczyzn",
    "zarzadzanie-projektami-1-planowanie",
    "rozwoj-mof-1-opracowanie-i-aktualizacja-strategii",
    "zasady-horyzontalne-2-rownosc-szans-i-dostepnosc",
    "zarzadzanie-projektami-2-monitorowanie-i-ewaluacja",
    "rozwoj-mof-2-planowanie-strategiczne",
    "zasady-horyzontalne-3-zrownowazony-rozwoj",
    "zarzadzanie-projektami-3-zamowienia-publiczne",
    "zasady-horyzontalne-4-dnsh",
    "rozwoj-mof-3-strategia-ponadlokalna-a-gminna",
    "zarzadzanie-projektami-4-zarzadzanie-ryzykiem",
    "rozwoj-mof-4-monitorowanie-i-ewaluacja-strategii",
]
PAST_SUPERVISIONS = [
    "superwizja-1-zarzadzanie-zmiana",
    "superwizja-2-ryzyko-i-sytuacje-kryzysowe",
    "superwizja-3-wspolpraca-miedzyinstytucjonalna",
    "superwizja-4-kompetencje-liderow",
]
LEADERS_SELECTION = "Korpus Liderów Samorządowych 2026"


@dataclass(frozen=True)
class Participant:
    email: str
    first_name: str
    last_name: str
    job_title: str
    organisation: str  # short name of a demo organisation
    forms: int  # forms of support attended: workshops first, supervisions beyond 12


PARTICIPANTS = [
    # ZIT associations new in 2021–2027.
    Participant("marta.zielinska", "Marta", "Zielińska", "Kierowniczka Biura ZIT ZOF", "ZIT ZOF", 15),
    Participant("tomasz.michalak", "Tomasz", "Michalak", "Specjalista ds. strategii", "ZIT LGOF", 13),
    Participant("beata.kaczmarek", "Beata", "Kaczmarek", "Koordynatorka Biura ZIT LGOF", "ZIT LGOF", 11),
    Participant("anna.kubiak", "Anna", "Kubiak", "Koordynatorka ds. partnerstwa", "ZIT POF", 12),
    Participant("magdalena.pawlak", "Magdalena", "Pawlak", "Specjalistka ds. dostępności", "ZIT Gniezno", 14),
    Participant("ewelina.grabowska", "Ewelina", "Grabowska", "Inspektorka ds. projektów", "ZIT Piła", 10),
    Participant("rafal.szymanski", "Rafał", "Szymański", "Zastępca dyrektora Biura ZIT", "ZIT Włocławek", 12),
    Participant("karolina.dudek", "Karolina", "Dudek", "Specjalistka ds. równości szans", "ZIT Grudziądz", 9),
    Participant("joanna.baran", "Joanna", "Baran", "Specjalistka ds. strategii", "ZIT MOF PT-B-R", 11),
    Participant(
        "natalia.olszewska", "Natalia", "Olszewska", "Kierowniczka Referatu Funduszy", "ZIT Sławno", 10
    ),
    Participant(
        "ewa.sobolewska", "Ewa", "Sobolewska", "Specjalistka ds. zamówień publicznych", "ZIT Konin", 11
    ),
    # Associations that continue from 2014–2020, and municipalities belonging to them.
    Participant(
        "grzegorz.sobczak", "Grzegorz", "Sobczak", "Kierownik Wydziału Zarządzania ZIT AJ", "ZIT AJ", 16
    ),
    Participant("krzysztof.mazurek", "Krzysztof", "Mazurek", "Specjalista ds. funduszy UE", "ZIT AW", 15),
    Participant("dariusz.kaczmarczyk", "Dariusz", "Kaczmarczyk", "Inspektor ds. monitoringu", "ZIT AW", 8),
    Participant(
        "aleksandra.wroblewska", "Aleksandra", "Wróblewska", "Kierowniczka Referatu Strategii", "ZIT AKO", 13
    ),
    Participant("pawel.nowakowski", "Paweł", "Nowakowski", "Specjalista ds. projektów", "ZIT AKO", 11),
    Participant("justyna.kolodziej", "Justyna", "Kołodziej", "Specjalistka ds. ewaluacji", "ZIT WrOF", 12),
    Participant("sylwia.kowalewska", "Sylwia", "Kowalewska", "Dyrektorka Biura Metropolii", "ZIT Poznań", 12),
    Participant(
        "wojciech.lis", "Wojciech", "Lis", "Specjalista ds. projektów partnerskich", "ZIT Poznań", 11
    ),
    Participant("grzegorz.wojcik", "Grzegorz", "Wójcik", "Kierownik Referatu Inwestycji", "Swarzędz", 13),
    Participant("renata.gorska", "Renata", "Górska", "Kierowniczka Działu Strategii", "ZIT SOM", 14),
    Participant("stanislaw.borkowski", "Stanisław", "Borkowski", "Inspektor ds. rozwoju", "Goleniów", 10),
    Participant("jakub.adamczyk", "Jakub", "Adamczyk", "Specjalista ds. monitoringu", "ZIT ŁOM", 12),
    Participant("paulina.sadowska", "Paulina", "Sadowska", "Koordynatorka ds. partnerstwa", "ZIT KKBOF", 10),
    Participant("marcin.jablonski", "Marcin", "Jabłoński", "Inspektor ds. dostępności", "ZIT Toruń", 10),
    # Not in any ZIT association: eligible, placed after the associations' people.
    Participant(
        "lucja.pawlowska", "Łucja", "Pawłowska", "Specjalistka ds. współpracy z samorządami", "ROPS Toruń", 11
    ),
    Participant(
        "monika.zalewska", "Monika", "Zalewska", "Kierowniczka Ośrodka Pomocy Społecznej", "Kożuchów", 7
    ),
]


def _participant(person: Participant, organisations: dict) -> User:
    """The person (kept as they are if another demo step made them already) and their membership."""
    user, created = User.objects.get_or_create(
        email=f"{person.email}@zitnet.test",
        defaults={
            "first_name": person.first_name,
            "last_name": person.last_name,
            "job_title": person.job_title,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(
        user=user,
        organisation=organisations[person.organisation],
        defaults={"status": MembershipStatus.ACTIVE},
    )
    return user


def _attendance_plan(index: int, forms: int) -> tuple[list[str], list[str], str | None]:
    """Workshops and supervisions attended, and one workshop registered for but missed (if any was missed).

    Up to 12 forms are workshops; beyond that, supervisions (small groups of at most 12). Who misses which
    workshop rotates with the person, so every workshop has a few absentees.
    """
    workshops = min(forms, len(PAST_WORKSHOPS))
    skipped = [
        PAST_WORKSHOPS[(index + 5 * k) % len(PAST_WORKSHOPS)] for k in range(len(PAST_WORKSHOPS) - workshops)
    ]
    attended = [slug for slug in PAST_WORKSHOPS if slug not in skipped]
    supervisions = [PAST_SUPERVISIONS[(index + k) % len(PAST_SUPERVISIONS)] for k in range(forms - workshops)]
    return attended, supervisions, (skipped[0] if skipped else None)


def _module_attendance(events: dict, organisations: dict) -> None:
    for index, person in enumerate(PARTICIPANTS):
        user = _participant(person, organisations)
        organisation = organisations[person.organisation]
        attended, supervisions, missed = _attendance_plan(index, person.forms)
        for slug in [*attended, *supervisions]:
            event = events[slug]
            online = event.mode == EventMode.ONLINE
            Registration.objects.update_or_create(
                event=event,
                user=user,
                defaults={
                    "organisation": organisation,
                    "status": RegistrationStatus.CONFIRMED,
                    "consent_at": event.starts_at - timedelta(days=10),
                    "cancelled_at": None,
                    "attended_at": event.starts_at + timedelta(minutes=10),
                    "attendance_source": AttendanceSource.IMPORT if online else AttendanceSource.CHECK_IN,
                },
            )
        if missed:
            event = events[missed]
            Registration.objects.update_or_create(
                event=event,
                user=user,
                defaults={
                    "organisation": organisation,
                    "status": RegistrationStatus.CONFIRMED,
                    "consent_at": event.starts_at - timedelta(days=10),
                    "cancelled_at": None,
                    "attended_at": None,
                    "attendance_source": "",
                },
            )


def _leaders_selection(series: EventSeries) -> LeaderSelection:
    """The Corps of seed 001 with a proposal made and not yet confirmed (a proposal is kept once made)."""
    coordinator = User.objects.filter(email="koordynator@zitnet.test").first()
    selection, created = LeaderSelection.objects.get_or_create(
        title=LEADERS_SELECTION, defaults={"size": 15, "minimum_forms": 10, "created_by": coordinator}
    )
    if created:
        selection.series.set([series])
    if selection.confirmed_at is None and not selection.candidates.exists():
        leaders.propose(actor=coordinator, selection=selection)
    return selection


def _at(parts: tuple) -> datetime:
    return datetime(*parts, tzinfo=WARSAW)


def _event(spec: DemoEvent, series: dict, organisations: dict) -> Event:
    starts = _at(spec.starts)
    ends = starts + timedelta(days=spec.days - 1, hours=spec.hours)
    organiser = organisations[spec.organiser]
    online = spec.mode in (EventMode.ONLINE, EventMode.HYBRID)
    event, _created = Event.objects.update_or_create(
        slug=spec.slug,
        defaults={
            "title": spec.title,
            "kind": spec.kind,
            "series": series[spec.series],
            "mode": spec.mode,
            "starts_at": starts,
            "ends_at": ends,
            "venue": None,  # the seeds name towns, not venues
            "address": spec.address,
            # Demo links only (.test): the seeds' real registration forms are not copied into the platform.
            "online_url": f"https://spotkania.zitnet.test/{spec.slug}" if online else "",
            "capacity": spec.capacity,
            "registration_opens_at": starts - timedelta(days=45),
            "registration_closes_at": starts - timedelta(days=1),
            "organiser": organiser,
            "audience": spec.audience,
            "target_voivodeships": [str(v) for v in spec.targets],
            "description": spec.description,
            "materials": spec.materials,
            "is_published": True,
        },
    )
    logins = ORGANISER_LOGINS.get(spec.organiser, [])
    event.organisers.set(User.objects.filter(email__in=logins))
    return event


def seed(out, organisations: dict) -> dict[str, Event]:
    """Create or refresh the demo series, events and registrations; returns the events by slug."""
    series = {
        slug: EventSeries.objects.update_or_create(slug=slug, defaults={"title": title, "description": text})[
            0
        ]
        for slug, (title, text) in SERIES.items()
    }
    events = {spec.slug: _event(spec, series, organisations) for spec in EVENTS}
    people = {user.email: user for user in User.objects.filter(email__in={e for _s, e, _st in REGISTRATIONS})}
    memberships = {
        m.user_id: m.organisation
        for m in Membership.objects.filter(user__in=people.values(), status=MembershipStatus.ACTIVE).order_by(
            "pk"
        )
    }
    for slug, email, status in REGISTRATIONS:
        event, user = events[slug], people[email]
        Registration.objects.update_or_create(
            event=event,
            user=user,
            defaults={
                "organisation": memberships.get(user.pk),
                "status": status,
                "consent_at": event.starts_at - timedelta(days=7),
                "cancelled_at": None,
            },
        )
    _module_attendance(events, organisations)
    selection = _leaders_selection(series[MODULE])
    out.write(
        f"  events: {len(events)} in {len(series)} series, "
        f"registrations: {Registration.objects.filter(event__in=events.values()).count()}, "
        f"Leaders' Corps: {selection.candidates.count()} eligible"
    )
    return events
