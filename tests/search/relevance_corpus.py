"""The relevance table of issue 5 (item 9): a Polish corpus that looks like the platform's content, and the
queries whose expected documents must appear in the top 5.

Plain data, no database: the relevance test indexes `CORPUS` into each engine, runs every query of `QUERIES`
as a signed-in member (audience `MEMBER_AUDIENCE`) and scores the rankings with `search.relevance`.

Facet values follow the project's vocabularies: thematic areas from `shared/domain/thematic_areas.csv`,
voivodeships as TERYT codes, organisation kinds from `zitnet.directory.enums.OrganisationKind`, programme
codes from `knowledge/data/programmes_2021_2027.csv`, principles from `knowledge.enums.HorizontalPrinciple`.
Coordinates are the real approximate positions of the towns. The documents are demo content: the
institutions are real, the practices and services described are illustrative.

Distractors share words with the queries on purpose (*Edukacja ekologiczna* against *Edukacja włączająca*,
*Rada Seniorów* against *Młodzieżowa Rada Gminy*, *Centrum Integracji Społecznej* against *Centrum Aktywności
Lokalnej*, many documents naming Kraków against the city itself), so the table measures ranking, not only
matching.
"""

from __future__ import annotations

import datetime

from search.types import MEMBERS, PUBLIC, SearchDocument

# The audience of the relevance run (a signed-in member) and of the anonymous permission check.
MEMBER_AUDIENCE = frozenset({PUBLIC, MEMBERS})
ANONYMOUS_AUDIENCE = frozenset({PUBLIC})

# Real approximate coordinates (latitude, longitude).
_PLACES = {
    "krakow": (50.0614, 19.9372),
    "krakow_kazimierz": (50.0515, 19.9449),
    "wieliczka": (49.9871, 20.0647),
    "nowy_targ": (49.4775, 20.0323),
    "lodz": (51.7592, 19.4560),
    "lodz_baluty": (51.7900, 19.4400),
    "gdansk": (54.3520, 18.6466),
    "gdansk_wrzeszcz": (54.3800, 18.6060),
    "wroclaw": (51.1079, 17.0385),
    "poznan": (52.4064, 16.9252),
    "walbrzych": (50.7714, 16.2843),
    "bialystok": (53.1325, 23.1688),
    "rzeszow": (50.0412, 21.9991),
    "szczecin": (53.4285, 14.5528),
    "zielona_gora": (51.9356, 15.5062),
    "lublin": (51.2465, 22.5684),
    "kalisz": (51.7611, 18.0910),
    "warszawa": (52.2297, 21.0122),
}


def _doc(
    type_: str,
    n: int,
    title: str,
    url: str,
    summary: str,
    body: str,
    *,
    date: str,
    audience: str = PUBLIC,
    place: str | None = None,
    **facets: list[str],
) -> SearchDocument:
    latitude, longitude = _PLACES[place] if place else (None, None)
    return SearchDocument(
        key=f"{type_}:{n}",
        type=type_,
        object_id=n,
        title=title,
        url=url,
        summary=summary,
        body=body,
        audience=audience,
        facets={name: values for name, values in facets.items() if values},
        latitude=latitude,
        longitude=longitude,
        date=datetime.date.fromisoformat(date),
    )


def _practice(
    n,
    title,
    slug,
    summary,
    body,
    *,
    date,
    areas,
    tags,
    voivodeship,
    programme,
    principles=(),
    audience=PUBLIC,
):
    return _doc(
        "practice",
        n,
        title,
        f"/wiedza/dobre-praktyki/{slug}/",
        summary,
        body,
        date=date,
        audience=audience,
        thematic_area=list(areas),
        tag=list(tags),
        voivodeship=[voivodeship],
        programme=[programme],
        principle=list(principles),
        year=[date[:4]],
    )


def _handbook(n, title, slug, summary, body, *, date, areas, tags=(), principles=(), audience=PUBLIC):
    return _doc(
        "handbook",
        n,
        title,
        f"/wiedza/podrecznik/{slug}/",
        summary,
        body,
        date=date,
        audience=audience,
        thematic_area=list(areas),
        tag=list(tags),
        principle=list(principles),
        year=[date[:4]],
    )


def _report(n, title, slug, summary, body, *, date, areas, tags=(), voivodeship=None, audience=PUBLIC):
    return _doc(
        "report",
        n,
        title,
        f"/wiedza/raporty/{slug}/",
        summary,
        body,
        date=date,
        audience=audience,
        thematic_area=list(areas),
        tag=list(tags),
        voivodeship=[voivodeship] if voivodeship else [],
        year=[date[:4]],
    )


def _organisation(n, title, slug, summary, body, *, date, kind, voivodeship, place, areas=()):
    return _doc(
        "organisation",
        n,
        title,
        f"/katalog/{slug}/",
        summary,
        body,
        date=date,
        place=place,
        organisation_kind=[kind],
        voivodeship=[voivodeship],
        thematic_area=list(areas),
    )


def _service(n, title, organisation_slug, summary, body, *, date, kind, voivodeship, place, areas):
    return _doc(
        "service",
        n,
        title,
        f"/katalog/{organisation_slug}/#usluga-{n}",
        summary,
        body,
        date=date,
        place=place,
        organisation_kind=[kind],
        voivodeship=[voivodeship],
        thematic_area=list(areas),
    )


PRACTICES = [
    _practice(
        1,
        "Edukacja włączająca w gminach MOF",
        "edukacja-wlaczajaca-w-gminach-mof",
        "Pilotaż narzędzia współpracy ponadlokalnej na rzecz edukacji włączającej w gminach miejskiego obszaru "
        "funkcjonalnego.",
        "Stowarzyszenie Metropolia Krakowska w ramach sieci MOF4US przygotowało narzędzie, dzięki któremu gminy "
        "wspólnie planują wsparcie uczniów ze specjalnymi potrzebami edukacyjnymi. Szkoły z kilku gmin dzielą "
        "się specjalistami: pedagogiem specjalnym, psychologiem i asystentem nauczyciela. Pierwszy warsztat "
        "odbył się w Krakowie we wrześniu, a w pilotażu uczestniczy dziewięć gmin. Edukacja włączająca oznacza "
        "szkołę, w której każde dziecko uczy się razem z rówieśnikami.",
        date="2025-09-25",
        areas=["edukacja_wlaczajaca", "partycypacja_partnerstwo"],
        tags=["mof4us", "szkoły", "specjalne potrzeby edukacyjne"],
        voivodeship="12",
        programme="ptfe",
        principles=["non_discrimination"],
    ),
    _practice(
        2,
        "Model Centrów Aktywności Lokalnej w trzech wariantach",
        "model-cal-trzy-warianty",
        "Ekspertyza modelu funkcjonowania Centrów Aktywności Lokalnej (CAL i SCAL) dla obszaru wiejskiego, "
        "miejsko-wiejskiego i miejskiego.",
        "Biuro ZIT Wrocławskiego Obszaru Funkcjonalnego opracowało model, według którego gmina może powołać "
        "centrum aktywności lokalnej albo szkolne centrum aktywności lokalnej (SCAL). Opisano zadania "
        "animatora społeczności, lokal, budżet i współpracę z ośrodkiem pomocy społecznej. Wariant wiejski "
        "opiera się na świetlicy i kole gospodyń wiejskich, wariant miejski na radzie osiedla.",
        date="2025-06-12",
        areas=["aktywnosc_lokalna_cal", "partycypacja_partnerstwo"],
        tags=["mof4us", "cal", "organizowanie społeczności"],
        voivodeship="02",
        programme="ptfe",
    ),
    _practice(
        3,
        "Młodzieżowa Rada Gminy Wieliczka współtworzy budżet obywatelski",
        "mlodziezowa-rada-gminy-wieliczka",
        "Radni młodzieżowi z Wieliczki przygotowali własną pulę budżetu obywatelskiego i głosowanie w szkołach.",
        "Młodzieżowa Rada Gminy Wieliczka działa od 2019 roku i liczy 21 radnych z wielickich szkół. Rada "
        "opiniuje uchwały dotyczące młodzieży, a od 2024 roku rozdziela pulę budżetu obywatelskiego "
        "przeznaczoną na pomysły uczniów. Głosowanie odbywa się w szkołach i przez internet. Opiekunem rady "
        "jest pracownik urzędu gminy odpowiedzialny za edukację obywatelską.",
        date="2024-11-05",
        areas=["mlodziez_edukacja_obywatelska", "partycypacja_partnerstwo"],
        tags=["rady młodzieżowe", "budżet obywatelski"],
        voivodeship="12",
        programme="fe_malopolska",
    ),
    _practice(
        4,
        "Rada Seniorów Miasta Łodzi opiniuje program mieszkaniowy",
        "rada-seniorow-lodz",
        "Rada seniorów zgłosiła poprawki do programu mieszkań dostępnych dla starszych mieszkańców.",
        "Rada Seniorów działająca przy prezydencie miasta zebrała uwagi od klubów seniora i zgłosiła poprawki "
        "do programu mieszkaniowego: windy w kamienicach, mieszkania na parterze i pomoc przy przeprowadzce. "
        "Większość poprawek przyjęto. Praktyka pokazuje, jak rada seniorów może wpływać na politykę miasta.",
        date="2023-04-18",
        areas=["opieka_dlugoterminowa_seniorzy", "partycypacja_partnerstwo"],
        tags=["seniorzy", "rada seniorów"],
        voivodeship="10",
        programme="fe_lodzkie",
    ),
    _practice(
        5,
        "Edukacja ekologiczna w szkołach Aglomeracji Opolskiej",
        "edukacja-ekologiczna-aglomeracja-opolska",
        "Lekcje w terenie, szkolne ogrody deszczowe i konkurs na oszczędzanie energii w szkołach.",
        "Gminy Aglomeracji Opolskiej przygotowały wspólny program edukacji ekologicznej dla szkół "
        "podstawowych. Uczniowie budują ogrody deszczowe, mierzą zużycie energii w budynkach szkół i "
        "uczestniczą w zajęciach w terenie nad Odrą. Program jest otwarty dla wszystkich gmin obszaru.",
        date="2024-03-20",
        areas=["adaptacja_klimat", "srodowisko_gospodarka_obiegu"],
        tags=["edukacja ekologiczna", "szkoły"],
        voivodeship="16",
        programme="fe_opolskie",
        principles=["sustainable_development"],
    ),
    _practice(
        6,
        "Wspólny bilet metropolitalny: transport publiczny bez granic gmin",
        "wspolny-bilet-metropolitalny-omggs",
        "Jeden bilet na pociągi, autobusy i tramwaje w Gdańsku, Gdyni, Sopocie i gminach ościennych.",
        "Obszar Metropolitalny Gdańsk-Gdynia-Sopot wprowadził wspólny bilet na transport publiczny: kolej "
        "SKM, autobusy i tramwaje wszystkich organizatorów przewozów. Mieszkańcy gmin ościennych dojeżdżają do "
        "Gdańska i Gdyni z jednym biletem. Liczba pasażerów transportu zbiorowego z gmin podmiejskich wzrosła "
        "o jedną piątą.",
        date="2024-02-01",
        areas=["mobilnosc_miejska", "transport_dostepnosc"],
        tags=["transport publiczny", "bilet"],
        voivodeship="22",
        programme="fe_pomorze",
        principles=["sustainable_development"],
    ),
    _practice(
        7,
        "Węzły przesiadkowe Park & Ride w Rzeszowskim Obszarze Funkcjonalnym",
        "wezly-przesiadkowe-rof",
        "Parkingi przy przystankach kolejowych i autobusowych zachęcają do przesiadki na transport zbiorowy.",
        "Stowarzyszenie ROF zbudowało osiem węzłów przesiadkowych w gminach wokół Rzeszowa: parkingi Park & "
        "Ride, wiaty rowerowe i zintegrowane przystanki autobusowe. Rozkłady jazdy autobusów dopasowano do "
        "pociągów. Węzeł przesiadkowy w Boguchwale obsługuje dziennie ponad tysiąc pasażerów.",
        date="2023-10-10",
        areas=["mobilnosc_miejska", "transport_dostepnosc"],
        tags=["węzeł przesiadkowy", "park and ride"],
        voivodeship="18",
        programme="fe_podkarpacie",
        principles=["sustainable_development"],
    ),
    _practice(
        8,
        "Rewitalizacja Starego Zdroju w Wałbrzychu",
        "rewitalizacja-stary-zdroj-walbrzych",
        "Odnowione kamienice, podwórka i park oraz program wsparcia mieszkańców dzielnicy.",
        "Gmina Wałbrzych połączyła remonty kamienic i podwórek w dzielnicy Stary Zdrój z pracą socjalną i "
        "aktywizacją zawodową mieszkańców. Program rewitalizacji obejmował też park zdrojowy i lokale dla "
        "organizacji pozarządowych. Mieszkańcy współdecydowali o zagospodarowaniu podwórek.",
        date="2023-06-30",
        areas=["rewitalizacja", "aktywna_integracja_es"],
        tags=["rewitalizacja", "podwórka"],
        voivodeship="02",
        programme="fe_dolny_slask",
    ),
    _practice(
        9,
        "Zielone podwórka łódzkiego Śródmieścia",
        "zielone-podworka-srodmiescie",
        "Rewitalizacja podwórek w centrum miasta z udziałem mieszkańców kamienic.",
        "W ramach rewitalizacji obszarowej centrum miasta odnowiono ponad czterdzieści podwórek. Mieszkańcy "
        "wybierali rośliny, ławki i place zabaw na warsztatach z architektami. Zieleń na podwórkach zatrzymuje "
        "wodę deszczową i obniża temperaturę latem.",
        date="2022-09-14",
        areas=["rewitalizacja", "adaptacja_klimat"],
        tags=["rewitalizacja", "podwórka", "zieleń"],
        voivodeship="10",
        programme="fe_lodzkie",
    ),
    _practice(
        10,
        "Mieszkania wspomagane dla osób z niepełnosprawnościami w Zielonej Górze",
        "mieszkania-wspomagane-zielona-gora",
        "Sześć mieszkań wspomaganych z asystencją dla dorosłych osób z niepełnosprawnością intelektualną.",
        "Miasto Zielona Góra wraz z organizacją pozarządową prowadzi mieszkania wspomagane, w których "
        "dorosłe osoby z niepełnosprawnościami uczą się samodzielnego życia. Mieszkańcy mają wsparcie "
        "asystenta i trenera pracy. To element deinstytucjonalizacji usług: zamiast domu pomocy społecznej "
        "wsparcie w zwykłym mieszkaniu.",
        date="2024-05-22",
        areas=["mieszkalnictwo_wspomagane", "niepelnosprawnosc_dostepnosc", "deinstytucjonalizacja"],
        tags=["mieszkania wspomagane"],
        voivodeship="08",
        programme="fers",
        principles=["non_discrimination"],
    ),
    _practice(
        11,
        "Opieka wytchnieniowa dla opiekunów osób zależnych w Metropolii Poznań",
        "opieka-wytchnieniowa-metropolia-poznan",
        "Kilka godzin lub dni odpoczynku dla rodzin, które na co dzień opiekują się bliskimi.",
        "Gminy Metropolii Poznań wspólnie zamawiają usługi opieki wytchnieniowej: opiekun przychodzi do domu "
        "albo osoba zależna spędza kilka dni w ośrodku. Opiekunowie rodzinni zgłaszają się przez jeden "
        "formularz, a ośrodki pomocy społecznej dzielą się listą wykonawców.",
        date="2024-08-08",
        areas=["opieka_dlugoterminowa_seniorzy", "uslugi_spoleczne"],
        tags=["opieka wytchnieniowa", "opiekunowie"],
        voivodeship="30",
        programme="fe_wielkopolska",
    ),
    _practice(
        12,
        "Od ośrodka pomocy społecznej do centrum usług społecznych",
        "od-ops-do-cus",
        "Jak gmina przekształciła OPS w centrum usług społecznych i zaczęła planować usługi dla wszystkich.",
        "Gmina z Aglomeracji Kalisko-Ostrowskiej przekształciła ośrodek pomocy społecznej w centrum usług "
        "społecznych. Centrum przygotowuje program usług społecznych po diagnozie potrzeb mieszkańców i zleca "
        "część usług organizacjom pozarządowym. Organizator społeczności lokalnej prowadzi konsultacje w "
        "sołectwach.",
        date="2023-12-01",
        areas=["uslugi_spoleczne", "deinstytucjonalizacja"],
        tags=["cus", "usługi społeczne"],
        voivodeship="30",
        programme="fers",
    ),
    _practice(
        13,
        "Ponadlokalna mapa usług społecznych",
        "ponadlokalna-mapa-uslug-spolecznych",
        "Interaktywna mapa usług społecznych w gminach MOF wraz z rekomendacjami wdrożeniowymi.",
        "W sieci MOF4US powstaje pilotaż interaktywnej mapy, na której mieszkańcy i urzędnicy znajdą usługi "
        "społeczne w całym obszarze funkcjonalnym: kluby seniora, punkty pomocy prawnej, mieszkania "
        "wspomagane. Mapa pokazuje też białe plamy, czyli gminy bez dostępu do usług.",
        date="2026-01-15",
        areas=["uslugi_spoleczne", "cyfryzacja_e_uslugi"],
        tags=["mof4us", "mapa", "usługi społeczne"],
        voivodeship="12",
        programme="ptfe",
    ),
    _practice(
        14,
        "Model integracji imigrantów w Gdańsku",
        "model-integracji-imigrantow-gdansk",
        "Miejski model integracji cudzoziemców opracowany z organizacjami i samymi migrantami.",
        "Gdańsk jako pierwsze miasto w Polsce przyjął model integracji imigrantów i imigrantek. Centrum "
        "wsparcia imigrantów prowadzi kursy języka polskiego, doradztwo prawne i zawodowe, a szkoły "
        "zatrudniają asystentów międzykulturowych. Model powstał w zespołach tematycznych z udziałem "
        "cudzoziemców mieszkających w Gdańsku.",
        date="2022-05-10",
        areas=["integracja_cudzoziemcow"],
        tags=["cudzoziemcy", "migranci"],
        voivodeship="22",
        programme="fers",
        principles=["non_discrimination"],
    ),
    _practice(
        15,
        "Asystencja osobista w Białostockim Obszarze Funkcjonalnym",
        "asystencja-osobista-bof",
        "Asystenci osobiści wspierają osoby z niepełnosprawnościami w pracy, nauce i codziennych sprawach.",
        "Gminy Białostockiego Obszaru Funkcjonalnego wspólnie rekrutują i szkolą asystentów osobistych. "
        "Asystent pomaga w dojazdach, zakupach i załatwianiu spraw w urzędzie. Dzięki wspólnej puli "
        "asystentów usługa jest dostępna także w małych gminach wiejskich.",
        date="2024-01-25",
        areas=["niepelnosprawnosc_dostepnosc", "uslugi_spoleczne"],
        tags=["asystencja osobista"],
        voivodeship="20",
        programme="fers",
        principles=["non_discrimination"],
    ),
    _practice(
        16,
        "Spółdzielnia socjalna prowadzi stołówki szkolne",
        "spoldzielnia-socjalna-stolowki",
        "Podmiot ekonomii społecznej przygotowuje obiady dla szkół z trzech gmin.",
        "Spółdzielnia socjalna założona przez dwie gminy Aglomeracji Kalisko-Ostrowskiej zatrudnia osoby "
        "długotrwale bezrobotne i przygotowuje obiady dla szkół i przedszkoli. Gminy zlecają usługę w trybie "
        "zamówień zastrzeżonych. To przykład ekonomii społecznej, która łączy aktywizację zawodową z usługą "
        "dla mieszkańców.",
        date="2023-03-03",
        areas=["aktywna_integracja_es", "aktywizacja_rynek_pracy"],
        tags=["ekonomia społeczna", "spółdzielnia socjalna"],
        voivodeship="30",
        programme="fe_wielkopolska",
    ),
    _practice(
        17,
        "Termomodernizacja szkół w Szczecińskim Obszarze Metropolitalnym",
        "termomodernizacja-szkol-som",
        "Wspólny przetarg na audyty i modernizację energetyczną 14 szkół w gminach SOM.",
        "Gminy Szczecińskiego Obszaru Metropolitalnego przeprowadziły wspólną termomodernizację szkół: "
        "docieplenie ścian, wymianę okien, pompy ciepła i instalacje fotowoltaiczne. Zużycie energii spadło "
        "średnio o 45 procent. Projekt spełnia zasadę DNSH dzięki ocenie wpływu na środowisko.",
        date="2024-10-02",
        areas=["efektywnosc_energetyczna_oze"],
        tags=["efektywność energetyczna", "szkoły", "fotowoltaika"],
        voivodeship="32",
        programme="fe_pomorze_zachodnie",
        principles=["dnsh", "sustainable_development"],
    ),
    _practice(
        18,
        "Retencja wody deszczowej w lubelskich osiedlach",
        "retencja-wody-deszczowej-lublin",
        "Zielono-niebieska infrastruktura: ogrody deszczowe, niecki i zbiorniki na osiedlach.",
        "Stowarzyszenie Lubelski Obszar Metropolitalny zachęca gminy do retencji wody opadowej. W Lublinie "
        "powstały ogrody deszczowe przy szkołach, niecki chłonne na osiedlach i zbiorniki na deszczówkę. "
        "Zielono-niebieska infrastruktura zmniejsza ryzyko podtopień i chłodzi miasto w czasie upałów.",
        date="2024-06-17",
        areas=["adaptacja_klimat"],
        tags=["retencja", "zielono-niebieska infrastruktura"],
        voivodeship="06",
        programme="fe_lubelskie",
        principles=["sustainable_development", "dnsh"],
    ),
    _practice(
        19,
        "Żłobki i przedszkola w gminach Podhala",
        "zlobki-przedszkola-podhale",
        "Nowe miejsca opieki nad dziećmi do lat trzech i przedszkola w gminach wiejskich Podhala.",
        "Stowarzyszenie Podhalański Obszar Funkcjonalny zaplanowało wspólnie z gminami budowę żłobków i "
        "rozbudowę przedszkoli. Rodzice z gmin wiejskich nie muszą już dowozić dzieci do Nowego Targu. "
        "Przedszkola zatrudniają logopedów i pedagogów specjalnych.",
        date="2024-09-01",
        areas=["edukacja_przedszkolna"],
        tags=["żłobki", "przedszkola"],
        voivodeship="12",
        programme="fe_malopolska",
    ),
    _practice(
        20,
        "Kształcenie zawodowe z pracodawcami w Aglomeracji Wałbrzyskiej",
        "ksztalcenie-zawodowe-aglomeracja-walbrzyska",
        "Szkoły branżowe i firmy wspólnie układają programy praktyk i wyposażają pracownie.",
        "Powiaty i gminy Aglomeracji Wałbrzyskiej podpisały porozumienia z pracodawcami ze strefy "
        "ekonomicznej. Uczniowie szkół branżowych odbywają praktyki w firmach, a nauczyciele zawodu szkolą "
        "się u pracodawców. Pracownie mechatroniczne wyposażono ze środków ZIT.",
        date="2023-09-04",
        areas=["ksztalcenie_zawodowe", "aktywizacja_rynek_pracy"],
        tags=["szkoły branżowe", "pracodawcy"],
        voivodeship="02",
        programme="fe_dolny_slask",
    ),
    _practice(
        21,
        "Młodzi aktywni w MOF: sieć rad młodzieżowych",
        "mlodzi-aktywni-w-mof",
        "Spotkania młodzieżowych rad gmin z całego obszaru funkcjonalnego i rekomendacje dla samorządów.",
        "W ramach sieci MOF4US młodzieżowe rady gmin z obszaru Metropolii Krakowskiej spotykają się, by "
        "wymieniać doświadczenia. Młodzi radni przygotowali rekomendacje dla edukacji obywatelskiej: "
        "regularne konsultacje z młodzieżą, budżet dla rady i opiekuna rady w każdym urzędzie.",
        date="2025-10-20",
        areas=["mlodziez_edukacja_obywatelska"],
        tags=["mof4us", "rady młodzieżowe"],
        voivodeship="12",
        programme="ptfe",
    ),
    _practice(
        22,
        "Trasy rowerowe łączące gminy Łódzkiego Obszaru Metropolitalnego",
        "trasy-rowerowe-lom",
        "Sieć dróg rowerowych do dojazdów do pracy i szkoły z gmin podmiejskich do Łodzi.",
        "Gminy Łódzkiego Obszaru Metropolitalnego zbudowały wspólnie 60 kilometrów dróg rowerowych "
        "prowadzących do stacji kolejowych i do Łodzi. Przy przystankach powstały parkingi Bike & Ride. "
        "Ruch rowerowy mierzą automatyczne liczniki.",
        date="2023-07-07",
        areas=["mobilnosc_miejska"],
        tags=["rowery", "drogi rowerowe"],
        voivodeship="10",
        programme="fe_lodzkie",
        principles=["sustainable_development"],
    ),
    _practice(
        23,
        "Budżet obywatelski dla całego obszaru funkcjonalnego",
        "budzet-obywatelski-obszaru-funkcjonalnego",
        "Mieszkańcy kilku gmin głosują na wspólne projekty ponad granicami administracyjnymi.",
        "Związek ZIT Torunia uruchomił ponadgminny budżet obywatelski: projekty muszą służyć mieszkańcom co "
        "najmniej dwóch gmin. Wygrały ścieżka przyrodnicza nad Wisłą i wspólny festiwal kultury. Konsultacje "
        "prowadzono w szkołach, bibliotekach i przez internet.",
        date="2025-04-11",
        areas=["partycypacja_partnerstwo"],
        tags=["budżet obywatelski", "partycypacja"],
        voivodeship="04",
        programme="fe_kujawy_pomorze",
    ),
    _practice(
        24,
        "Dostępność cyfrowa e-usług w gminach ZIT ŁOM (przed weryfikacją)",
        "dostepnosc-cyfrowa-e-uslug-lom",
        "Wspólny audyt dostępności cyfrowej stron i e-usług gmin; opis udostępniony członkom sieci do uwag.",
        "Gminy Łódzkiego Obszaru Metropolitalnego zleciły wspólny audyt dostępności cyfrowej swoich stron "
        "internetowych i e-usług. Audytorzy sprawdzili formularze, dokumenty PDF i wideo z tłumaczem języka "
        "migowego. Opis czeka na weryfikację i jest widoczny tylko dla członków sieci.",
        date="2025-11-03",
        areas=["cyfryzacja_e_uslugi", "niepelnosprawnosc_dostepnosc"],
        tags=["dostępność cyfrowa", "e-usługi"],
        voivodeship="10",
        programme="fe_lodzkie",
        principles=["non_discrimination"],
        audience=MEMBERS,
    ),
]

HANDBOOK = [
    _handbook(
        1,
        "Strategia rozwoju ponadlokalnego a strategia ZIT",
        "strategia-rozwoju-ponadlokalnego",
        "Kiedy wystarczy strategia rozwoju ponadlokalnego, a kiedy potrzebna jest strategia ZIT.",
        "Strategia rozwoju ponadlokalnego to dokument przyjmowany przez gminy, które zawarły porozumienie na "
        "podstawie ustawy o samorządzie gminnym. Strategia ZIT jest wymagana, gdy związek ZIT chce korzystać "
        "z instrumentu zintegrowanych inwestycji terytorialnych. Rozdział porównuje obie strategie: zakres, "
        "tryb konsultacji, opinię zarządu województwa i listę projektów strategicznych.",
        date="2025-02-01",
        areas=["zarzadzanie_strategiczne_mof"],
        tags=["strategia ZIT"],
    ),
    _handbook(
        2,
        "Monitoring i ewaluacja strategii ZIT",
        "monitoring-ewaluacja-strategii-zit",
        "Wskaźniki, raporty z monitoringu i ewaluacja w połowie okresu programowania.",
        "Związek ZIT monitoruje realizację strategii co roku: zbiera wartości wskaźników od beneficjentów i "
        "porównuje je z wartościami docelowymi. Ewaluacja w połowie okresu pokazuje, które cele wymagają "
        "zmiany listy projektów. Rozdział zawiera wzór raportu z monitoringu.",
        date="2025-02-01",
        areas=["zarzadzanie_strategiczne_mof"],
        tags=["strategia ZIT", "ewaluacja"],
    ),
    _handbook(
        3,
        "Edukacja włączająca: jak współpracować ponad granicami gmin",
        "edukacja-wlaczajaca-wspolpraca",
        "Wspólni specjaliści, szkolenia nauczycieli i dostępne szkoły w obszarze funkcjonalnym.",
        "Rozdział opisuje, jak gminy mogą wspólnie organizować edukację włączającą: zatrudniać specjalistów "
        "na kilka szkół, szkolić nauczycieli i dostosowywać budynki. Zawiera listę kontrolną dostępności "
        "szkoły i przykłady z sieci MOF4US.",
        date="2025-02-01",
        areas=["edukacja_wlaczajaca"],
        tags=["mof4us", "szkoły"],
        principles=["non_discrimination"],
    ),
    _handbook(
        4,
        "Równość szans kobiet i mężczyzn w projektach",
        "rownosc-szans-kobiet-i-mezczyzn",
        "Zasada równości kobiet i mężczyzn: standard minimum we wniosku o dofinansowanie.",
        "Każdy projekt finansowany z funduszy europejskich musi wykazać zgodność z zasadą równości kobiet i "
        "mężczyzn. Wniosek ocenia się według standardu minimum: diagnoza sytuacji kobiet i mężczyzn, działania "
        "odpowiadające na bariery i wskaźniki w podziale na płeć.",
        date="2025-02-01",
        areas=["zasady_horyzontalne"],
        principles=["gender_equality"],
    ),
    _handbook(
        5,
        "Zasada DNSH – „nie czyń poważnych szkód”",
        "zasada-dnsh",
        "Sześć celów środowiskowych i analiza zgodności projektu z zasadą DNSH.",
        "Działania finansowane z funduszy nie mogą wyrządzać poważnych szkód żadnemu z sześciu celów "
        "środowiskowych: łagodzeniu zmian klimatu, adaptacji do zmian klimatu, ochronie wód, gospodarce o "
        "obiegu zamkniętym, zapobieganiu zanieczyszczeniom i ochronie bioróżnorodności. Rozdział pokazuje, "
        "jak przygotować analizę DNSH do wniosku.",
        date="2025-02-01",
        areas=["zasady_horyzontalne", "srodowisko_gospodarka_obiegu"],
        principles=["dnsh"],
    ),
    _handbook(
        6,
        "Standardy dostępności i zasada niedyskryminacji",
        "standardy-dostepnosci",
        "Równość szans i niedyskryminacja, w tym dostępność dla osób z niepełnosprawnościami.",
        "Produkty projektów muszą być dostępne dla osób z niepełnosprawnościami zgodnie ze standardami "
        "dostępności: architektonicznym, cyfrowym, informacyjno-promocyjnym i szkoleniowym. Mechanizm "
        "racjonalnych usprawnień pozwala sfinansować indywidualne potrzeby uczestnika.",
        date="2025-02-01",
        areas=["zasady_horyzontalne", "niepelnosprawnosc_dostepnosc"],
        principles=["non_discrimination"],
    ),
    _handbook(
        7,
        "Deinstytucjonalizacja usług społecznych",
        "deinstytucjonalizacja-uslug-spolecznych",
        "Od opieki instytucjonalnej do usług świadczonych w społeczności lokalnej i w miejscu zamieszkania.",
        "Deinstytucjonalizacja oznacza przejście od dużych placówek do usług środowiskowych: mieszkań "
        "wspomaganych, opieki wytchnieniowej, asystencji osobistej i usług opiekuńczych w domu. Rozdział "
        "opisuje, jak związek ZIT może planować usługi społeczne dla kilku gmin i finansować je z FERS "
        "oraz programów regionalnych.",
        date="2025-02-01",
        areas=["deinstytucjonalizacja", "uslugi_spoleczne"],
    ),
    _handbook(
        8,
        "Centra Aktywności Lokalnej i organizowanie społeczności",
        "centra-aktywnosci-lokalnej",
        "Czym jest CAL, kto go prowadzi i jak animator włącza mieszkańców.",
        "Centrum aktywności lokalnej to miejsce i sposób działania: animator społeczności poznaje potrzeby "
        "mieszkańców, wspiera grupy sąsiedzkie i łączy instytucje działające na osiedlu albo we wsi. "
        "Rozdział opisuje standard CAL, rolę ośrodka pomocy społecznej i źródła finansowania.",
        date="2025-02-01",
        areas=["aktywnosc_lokalna_cal"],
        tags=["cal"],
    ),
    _handbook(
        9,
        "Partycypacja mieszkańców i współpraca międzysektorowa",
        "partycypacja-wspolpraca-miedzysektorowa",
        "Konsultacje, komitety sterujące i partnerzy społeczno-gospodarczy w związku ZIT.",
        "Strategia ZIT musi być konsultowana z mieszkańcami i partnerami społeczno-gospodarczymi. Rozdział "
        "opisuje formy partycypacji: spacery badawcze, panele obywatelskie, rady młodzieżowe i rady seniorów "
        "jako partnerów konsultacji, a także współpracę z organizacjami pozarządowymi.",
        date="2025-02-01",
        areas=["partycypacja_partnerstwo", "zarzadzanie_strategiczne_mof"],
    ),
    _handbook(
        10,
        "Zamówienia publiczne w projektach partnerskich",
        "zamowienia-publiczne-projekty-partnerskie",
        "Wspólne zamówienia kilku gmin: porozumienie, pełnomocnictwo, podział kosztów.",
        "Gminy realizujące projekt partnerski mogą przeprowadzić wspólne zamówienie publiczne. Rozdział "
        "opisuje porozumienie o wspólnym zamówieniu, wybór zamawiającego wiodącego, klauzule społeczne i "
        "rozliczenie kosztów między partnerami.",
        date="2025-02-01",
        areas=["zarzadzanie_projektami"],
    ),
    _handbook(
        11,
        "Notatki trenerskie do modułu Polityka społeczna",
        "notatki-trenerskie-polityka-spoleczna",
        "Scenariusz zajęć i ćwiczenia dla trenerów cyklu szkoleniowego sieci (tylko dla członków).",
        "Scenariusz pięciogodzinnego warsztatu o polityce społecznej w MOF: ćwiczenie z mapowania usług, "
        "studium przypadku gminy wiejskiej i gra decyzyjna o podziale budżetu na usługi opiekuńcze. Materiał "
        "roboczy dla trenerów sieci.",
        date="2025-08-29",
        areas=["uslugi_spoleczne"],
        tags=["mof4us", "szkolenia"],
        audience=MEMBERS,
    ),
]

REPORTS = [
    _report(
        1,
        "Usługi społeczne w miejskich obszarach funkcjonalnych – diagnoza sieci MOF4US",
        "uslugi-spoleczne-w-mof-diagnoza",
        "Dostępność usług społecznych w gminach MOF, deficyty kadr i rekomendacje dla związków ZIT.",
        "Diagnoza pokazuje nierówny dostęp do usług społecznych w obszarach funkcjonalnych: w gminach "
        "wiejskich brakuje usług opiekuńczych i mieszkań wspomaganych. Kadry gmin zgłaszają braki wiedzy o "
        "deinstytucjonalizacji i edukacji włączającej. Raport rekomenduje wspólne standardy i koordynację "
        "usług na poziomie związku ZIT.",
        date="2025-05-30",
        areas=["uslugi_spoleczne", "deinstytucjonalizacja"],
        tags=["mof4us", "diagnoza"],
    ),
    _report(
        2,
        "Ewaluacja strategii ZIT Łódzkiego Obszaru Metropolitalnego",
        "ewaluacja-strategii-zit-lom",
        "Ocena realizacji celów strategii ZIT ŁOM po trzech latach wdrażania.",
        "Ewaluacja objęła projekty transportowe, rewitalizację i usługi społeczne. Najlepiej postępuje "
        "realizacja dróg rowerowych i węzłów przesiadkowych, z opóźnieniem projekty społeczne. Ewaluatorzy "
        "zalecają uproszczenie listy wskaźników i częstsze spotkania z gminami.",
        date="2026-03-12",
        areas=["zarzadzanie_strategiczne_mof"],
        tags=["ewaluacja", "strategia ZIT"],
        voivodeship="10",
    ),
    _report(
        3,
        "Transport zbiorowy w gminach wiejskich MOF",
        "transport-zbiorowy-gminy-wiejskie",
        "Dostępność komunikacyjna wsi w obszarach funkcjonalnych: rozkłady, przesiadki, wykluczenie.",
        "W co trzeciej gminie wiejskiej badanych obszarów funkcjonalnych autobus do miasta kursuje rzadziej "
        "niż co dwie godziny. Raport opisuje przewozy o charakterze użyteczności publicznej, transport na "
        "żądanie i wspólne rozkłady kolei i autobusów.",
        date="2024-12-05",
        areas=["transport_dostepnosc", "mobilnosc_miejska"],
        tags=["transport publiczny", "wykluczenie komunikacyjne"],
    ),
    _report(
        4,
        "Rewitalizacja w ZIT 2014–2020: wnioski na nową perspektywę",
        "rewitalizacja-zit-wnioski",
        "Co się udało w rewitalizacji finansowanej przez ZIT i czego unikać w latach 2021–2027.",
        "Przegląd 40 projektów rewitalizacji pokazuje, że trwałe efekty dają projekty łączące remonty z "
        "działaniami społecznymi. Raport omawia przykłady z Wałbrzycha, Łodzi i Bydgoszczy oraz błędy: "
        "gentryfikację i brak lokali dla organizacji.",
        date="2023-11-20",
        areas=["rewitalizacja"],
        tags=["rewitalizacja", "ewaluacja"],
    ),
    _report(
        5,
        "Sprawozdanie z wizyty studyjnej w Lizbonie: usługi środowiskowe",
        "wizyta-studyjna-lizbona",
        "Notatka z wizyty studyjnej sieci: usługi w miejscu zamieszkania i centra dzielnicowe (dla członków).",
        "Uczestnicy wizyty studyjnej poznali dzielnicowe centra usług w Lizbonie, które łączą opiekę nad "
        "seniorami, pomoc rodzinom i działania sąsiedzkie. Sprawozdanie zawiera kontakty do gospodarzy i "
        "wnioski dla związków ZIT.",
        date="2025-11-28",
        areas=["uslugi_spoleczne", "deinstytucjonalizacja"],
        tags=["mof4us", "wizyta studyjna"],
        audience=MEMBERS,
    ),
    _report(
        6,
        "Rady młodzieżowe w gminach MOF – rekomendacje",
        "rady-mlodziezowe-rekomendacje",
        "Jak wspierać młodzieżowe rady gmin i powiatów: opiekun, budżet, udział w konsultacjach.",
        "Raport zbiera doświadczenia młodzieżowych rad z gmin obszarów funkcjonalnych. Rada działa najlepiej, "
        "gdy ma opiekuna w urzędzie, własny budżet i stałe miejsce w konsultacjach społecznych. Rekomendacje "
        "powstały w ramach działania Młodzi aktywni sieci MOF4US.",
        date="2025-12-10",
        areas=["mlodziez_edukacja_obywatelska"],
        tags=["mof4us", "rady młodzieżowe"],
    ),
    _report(
        7,
        "Potrzeby szkoleniowe kadr związków ZIT – wyniki ankiety",
        "potrzeby-szkoleniowe-ankieta",
        "Wyniki ankiety wśród pracowników związków ZIT i gmin (dla członków sieci).",
        "Ankietę wypełniło 212 osób z 38 związków ZIT. Najczęściej wskazywane potrzeby szkoleniowe to "
        "zamówienia publiczne, zasady horyzontalne i planowanie usług społecznych. Wyniki posłużą do "
        "ułożenia programu szkoleń na kolejny rok.",
        date="2025-07-01",
        areas=["zarzadzanie_projektami"],
        tags=["ankieta", "szkolenia"],
        audience=MEMBERS,
    ),
]

ORGANISATIONS = [
    _organisation(
        1,
        "Gmina Miejska Kraków",
        "gmina-miejska-krakow",
        "Miasto na prawach powiatu, stolica województwa małopolskiego, członek Metropolii Krakowskiej.",
        "Gmina Miejska Kraków realizuje zadania gminy i powiatu. Urząd Miasta Krakowa prowadzi wydziały "
        "polityki społecznej, edukacji i transportu. Kraków jest liderem Związku ZIT Metropolii Krakowskiej.",
        date="2024-01-10",
        kind="city_with_county_rights",
        voivodeship="12",
        place="krakow",
        areas=["zarzadzanie_strategiczne_mof"],
    ),
    _organisation(
        2,
        "Stowarzyszenie Metropolia Krakowska",
        "metropolia-krakowska",
        "Związek ZIT Krakowa i 14 gmin ościennych; lider sieci MOF4US.",
        "Stowarzyszenie Metropolia Krakowska zrzesza Kraków i gminy obszaru funkcjonalnego, przygotowuje "
        "strategię ZIT i koordynuje projekty ponadlokalne. Jest liderem sieci współpracy Usługi Społeczne w "
        "MOF – MOF4US.",
        date="2024-01-10",
        kind="zit_association",
        voivodeship="12",
        place="krakow",
        areas=["zarzadzanie_strategiczne_mof", "uslugi_spoleczne"],
    ),
    _organisation(
        3,
        "Miasto Łódź",
        "miasto-lodz",
        "Miasto na prawach powiatu, stolica województwa łódzkiego.",
        "Łódź realizuje zadania gminy i powiatu oraz uczestniczy w ZIT Łódzkiego Obszaru Metropolitalnego. "
        "Urząd Miasta Łodzi prowadzi program rewitalizacji obszarowej centrum.",
        date="2024-01-10",
        kind="city_with_county_rights",
        voivodeship="10",
        place="lodz",
        areas=["rewitalizacja"],
    ),
    _organisation(
        4,
        "Miasto Gdańsk",
        "miasto-gdansk",
        "Gmina Miasta Gdańska, miasto na prawach powiatu, stolica województwa pomorskiego.",
        "Urząd Miejski w Gdańsku prowadzi sprawy miasta na prawach powiatu. Gdańsk należy do Obszaru "
        "Metropolitalnego Gdańsk-Gdynia-Sopot i realizuje model integracji imigrantów.",
        date="2024-01-10",
        kind="city_with_county_rights",
        voivodeship="22",
        place="gdansk",
        areas=["integracja_cudzoziemcow"],
    ),
    _organisation(
        5,
        "Stowarzyszenie Obszar Metropolitalny Gdańsk-Gdynia-Sopot",
        "omggs",
        "Związek ZIT OMGGS, instytucja pośrednicząca ZIT w programie Fundusze Europejskie dla Pomorza.",
        "Stowarzyszenie zrzesza gminy i powiaty obszaru metropolitalnego wokół Gdańska, Gdyni i Sopotu. Pełni "
        "rolę instytucji pośredniczącej i wybiera projekty ZIT, m.in. w transporcie publicznym i usługach "
        "zdrowotnych.",
        date="2024-01-10",
        kind="zit_association",
        voivodeship="22",
        place="gdansk_wrzeszcz",
        areas=["mobilnosc_miejska", "zdrowie"],
    ),
    _organisation(
        6,
        "Gmina Wrocław – Biuro ZIT Wrocławskiego Obszaru Funkcjonalnego",
        "zit-wrof",
        "Biuro ZIT WrOF; partner sieci MOF4US odpowiedzialny za model Centrów Aktywności Lokalnej.",
        "Biuro Zintegrowanych Inwestycji Terytorialnych we Wrocławiu koordynuje strategię ZIT WrOF dla "
        "Wrocławia i gmin ościennych. W sieci MOF4US przygotowuje ekspertyzę modelu CAL i SCAL.",
        date="2024-01-10",
        kind="zit_association",
        voivodeship="02",
        place="wroclaw",
        areas=["aktywnosc_lokalna_cal", "zarzadzanie_strategiczne_mof"],
    ),
    _organisation(
        7,
        "Stowarzyszenie Metropolia Poznań",
        "metropolia-poznan",
        "Związek ZIT 23 jednostek samorządu wokół Poznania.",
        "Stowarzyszenie Metropolia Poznań z siedzibą w Poznaniu zrzesza miasto, powiat poznański i gminy "
        "obszaru metropolitalnego. Koordynuje strategię ZIT finansowaną z programu Fundusze Europejskie dla "
        "Wielkopolski.",
        date="2024-01-10",
        kind="zit_association",
        voivodeship="30",
        place="poznan",
        areas=["zarzadzanie_strategiczne_mof"],
    ),
    _organisation(
        8,
        "Gmina Wałbrzych",
        "gmina-walbrzych",
        "Miasto na prawach powiatu, lider Zintegrowanych Inwestycji Terytorialnych Aglomeracji Wałbrzyskiej.",
        "Gmina Wałbrzych prowadzi biuro ZIT Aglomeracji Wałbrzyskiej i program rewitalizacji dzielnic Stary "
        "Zdrój, Sobięcin i Śródmieście.",
        date="2024-01-10",
        kind="city_with_county_rights",
        voivodeship="02",
        place="walbrzych",
        areas=["rewitalizacja", "zarzadzanie_strategiczne_mof"],
    ),
    _organisation(
        9,
        "Stowarzyszenie Białostockiego Obszaru Funkcjonalnego",
        "stowarzyszenie-bof",
        "Związek ZIT BOF: Białystok i gminy ościenne.",
        "Stowarzyszenie BOF z siedzibą w Białymstoku koordynuje strategię ZIT dla Białegostoku i dziewięciu "
        "gmin obszaru funkcjonalnego, m.in. w zakresie usług społecznych i transportu.",
        date="2024-01-10",
        kind="zit_association",
        voivodeship="20",
        place="bialystok",
        areas=["uslugi_spoleczne", "transport_dostepnosc"],
    ),
    _organisation(
        10,
        "Stowarzyszenie Rzeszowskiego Obszaru Funkcjonalnego",
        "stowarzyszenie-rof",
        "Związek ZIT ROF: Rzeszów i gminy ościenne.",
        "Stowarzyszenie ROF zrzesza Rzeszów i 12 gmin obszaru funkcjonalnego. Realizuje projekty węzłów "
        "przesiadkowych, dróg rowerowych i usług społecznych.",
        date="2024-01-10",
        kind="zit_association",
        voivodeship="18",
        place="rzeszow",
        areas=["mobilnosc_miejska", "transport_dostepnosc"],
    ),
    _organisation(
        11,
        "Stowarzyszenie Szczecińskiego Obszaru Metropolitalnego",
        "stowarzyszenie-som",
        "Związek ZIT SOM: Szczecin, Stargard, Police, Goleniów i gminy ościenne.",
        "Stowarzyszenie SOM zrzesza 15 samorządów wokół Szczecina. Porozumienie terytorialne z 2024 roku "
        "przewiduje ponad 111 mln euro z programu Fundusze Europejskie dla Pomorza Zachodniego.",
        date="2024-04-02",
        kind="zit_association",
        voivodeship="32",
        place="szczecin",
        areas=["zarzadzanie_strategiczne_mof", "efektywnosc_energetyczna_oze"],
    ),
    _organisation(
        12,
        "Miasto Zielona Góra",
        "miasto-zielona-gora",
        "Miasto na prawach powiatu, lider ZIT Miejskiego Obszaru Funkcjonalnego Zielonej Góry.",
        "Zielona Góra po połączeniu z gminą wiejską w 2015 roku realizuje zadania miasta i obszarów "
        "wiejskich. Prowadzi mieszkania wspomagane i dzienne domy seniora.",
        date="2024-01-10",
        kind="city_with_county_rights",
        voivodeship="08",
        place="zielona_gora",
        areas=["mieszkalnictwo_wspomagane"],
    ),
    _organisation(
        13,
        "Stowarzyszenie Lubelski Obszar Metropolitalny",
        "stowarzyszenie-lom",
        "Związek ZIT LOM: Lublin i gminy ościenne.",
        "Stowarzyszenie Lubelski Obszar Metropolitalny koordynuje strategię ZIT dla Lublina i gmin "
        "ościennych, w tym projekty adaptacji do zmian klimatu i retencji wody.",
        date="2024-01-10",
        kind="zit_association",
        voivodeship="06",
        place="lublin",
        areas=["adaptacja_klimat"],
    ),
    _organisation(
        14,
        "Stowarzyszenie Aglomeracja Kalisko-Ostrowska",
        "aglomeracja-kalisko-ostrowska",
        "Związek ZIT AKO; lider sieci Zarządzanie i realizacja zasad horyzontalnych w MOF.",
        "Stowarzyszenie Aglomeracja Kalisko-Ostrowska zrzesza Kalisz, Ostrów Wielkopolski i gminy ościenne. "
        "Prowadzi sieć współpracy związków ZIT o zasadach horyzontalnych.",
        date="2024-01-10",
        kind="zit_association",
        voivodeship="30",
        place="kalisz",
        areas=["zasady_horyzontalne"],
    ),
    _organisation(
        15,
        "Miejski Ośrodek Pomocy Społecznej w Krakowie",
        "mops-krakow",
        "Ośrodek pomocy społecznej Gminy Miejskiej Kraków.",
        "MOPS w Krakowie prowadzi pracę socjalną, usługi opiekuńcze, kluby seniora i punkty interwencji "
        "kryzysowej w dzielnicach Krakowa.",
        date="2024-01-10",
        kind="ops",
        voivodeship="12",
        place="krakow",
        areas=["uslugi_spoleczne"],
    ),
    _organisation(
        16,
        "Regionalny Ośrodek Polityki Społecznej w Rzeszowie",
        "rops-rzeszow",
        "ROPS województwa podkarpackiego.",
        "Regionalny Ośrodek Polityki Społecznej w Rzeszowie koordynuje regionalną politykę społeczną, w tym "
        "plan deinstytucjonalizacji usług w województwie podkarpackim.",
        date="2024-01-10",
        kind="rops",
        voivodeship="18",
        place="rzeszow",
        areas=["deinstytucjonalizacja"],
    ),
    _organisation(
        17,
        "Gmina Wieliczka",
        "gmina-wieliczka",
        "Gmina miejsko-wiejska w powiecie wielickim, członek Metropolii Krakowskiej.",
        "Gmina Wieliczka leży na południowy wschód od Krakowa. Przy burmistrzu działa Młodzieżowa Rada "
        "Gminy Wieliczka.",
        date="2024-01-10",
        kind="municipality_urban_rural",
        voivodeship="12",
        place="wieliczka",
        areas=["mlodziez_edukacja_obywatelska"],
    ),
    _organisation(
        18,
        "Stowarzyszenie Podhalański Obszar Funkcjonalny",
        "podhalanski-obszar-funkcjonalny",
        "Związek ZIT Podhale: gminy powiatu nowotarskiego i tatrzańskiego.",
        "Stowarzyszenie z siedzibą w Nowym Targu przygotowało strategię ZIT dla gmin Podhala, z naciskiem "
        "na edukację przedszkolną i kształcenie zawodowe.",
        date="2024-01-10",
        kind="zit_association",
        voivodeship="12",
        place="nowy_targ",
        areas=["edukacja_przedszkolna", "ksztalcenie_zawodowe"],
    ),
    _organisation(
        19,
        "Stowarzyszenie Centrum Wspierania Aktywności Lokalnej CAL",
        "stowarzyszenie-cal",
        "Organizacja pozarządowa upowszechniająca model Centrum Aktywności Lokalnej.",
        "Stowarzyszenie z Warszawy szkoli animatorów i organizatorów społeczności lokalnej oraz prowadzi "
        "sieć instytucji działających w modelu CAL.",
        date="2024-01-10",
        kind="ngo",
        voivodeship="14",
        place="warszawa",
        areas=["aktywnosc_lokalna_cal"],
    ),
]

SERVICES = [
    _service(
        1,
        "Centrum Aktywności Lokalnej na Osiedlu Kazimierz w Krakowie",
        "mops-krakow",
        "Miejsce spotkań sąsiedzkich, zajęcia dla dzieci i seniorów, animator społeczności.",
        "Centrum aktywności lokalnej prowadzone przez MOPS w Krakowie zaprasza mieszkańców Kazimierza na "
        "spotkania sąsiedzkie, zajęcia dla dzieci po szkole i kawiarenkę dla seniorów. Animator pomaga "
        "mieszkańcom zorganizować własne inicjatywy.",
        date="2025-03-01",
        kind="ops",
        voivodeship="12",
        place="krakow_kazimierz",
        areas=["aktywnosc_lokalna_cal"],
    ),
    _service(
        2,
        "Klub Sąsiedzki na Bałutach",
        "miasto-lodz",
        "Świetlica sąsiedzka z zajęciami dla rodzin i wsparciem organizatora społeczności.",
        "Klub sąsiedzki w Łodzi na Bałutach prowadzi zajęcia dla rodzin, naprawialnię i spotkania "
        "mieszkańców kamienic objętych rewitalizacją.",
        date="2024-10-01",
        kind="cal",
        voivodeship="10",
        place="lodz_baluty",
        areas=["aktywnosc_lokalna_cal", "rewitalizacja"],
    ),
    _service(
        3,
        "Klub Seniora „Pogodna Jesień” w Wałbrzychu",
        "gmina-walbrzych",
        "Zajęcia ruchowe, warsztaty komputerowe i wyjścia kulturalne dla seniorów.",
        "Klub seniora w Wałbrzychu jest otwarty od poniedziałku do piątku. Seniorzy ćwiczą, uczą się obsługi "
        "smartfona i wspólnie chodzą do teatru. Udział jest bezpłatny.",
        date="2024-02-12",
        kind="ops",
        voivodeship="02",
        place="walbrzych",
        areas=["opieka_dlugoterminowa_seniorzy"],
    ),
    _service(
        4,
        "Punkt nieodpłatnej pomocy prawnej w Białymstoku",
        "stowarzyszenie-bof",
        "Bezpłatne porady prawnika i mediacje dla mieszkańców, także przez telefon.",
        "W punkcie nieodpłatnej pomocy prawnej adwokaci i radcowie prawni udzielają porad mieszkańcom "
        "Białegostoku. Można też skorzystać z nieodpłatnego poradnictwa obywatelskiego i mediacji. Zapisy "
        "telefoniczne.",
        date="2024-01-02",
        kind="ngo",
        voivodeship="20",
        place="bialystok",
        areas=["uslugi_spoleczne"],
    ),
    _service(
        5,
        "Mieszkanie treningowe dla wychowanków pieczy zastępczej w Rzeszowie",
        "rops-rzeszow",
        "Mieszkanie dla młodych ludzi usamodzielniających się po pieczy zastępczej.",
        "Pełnoletni wychowankowie rodzin zastępczych i placówek mieszkają w mieszkaniu treningowym do dwóch "
        "lat. Wspiera ich opiekun usamodzielnienia i doradca zawodowy.",
        date="2024-04-15",
        kind="rops",
        voivodeship="18",
        place="rzeszow",
        areas=["rodzina_dzieci_piecza", "mieszkalnictwo_wspomagane"],
    ),
    _service(
        6,
        "Dzienny Dom Seniora w Zielonej Górze",
        "miasto-zielona-gora",
        "Opieka dzienna, posiłki i rehabilitacja dla osób starszych.",
        "Dzienny dom seniora zapewnia osobom starszym opiekę w dni robocze, dwa posiłki, rehabilitację i "
        "zajęcia terapeutyczne. Dowóz z obszarów wiejskich Zielonej Góry.",
        date="2024-03-05",
        kind="ops",
        voivodeship="08",
        place="zielona_gora",
        areas=["opieka_dlugoterminowa_seniorzy"],
    ),
    _service(
        7,
        "Wypożyczalnia sprzętu rehabilitacyjnego w Szczecinie",
        "stowarzyszenie-som",
        "Bezpłatne wypożyczenie wózków, balkoników i łóżek rehabilitacyjnych.",
        "Mieszkańcy Szczecina i gmin metropolitalnych mogą wypożyczyć sprzęt rehabilitacyjny na czas "
        "leczenia. Wypożyczalnia doradza też w dostosowaniu mieszkania.",
        date="2024-06-01",
        kind="ngo",
        voivodeship="32",
        place="szczecin",
        areas=["zdrowie", "niepelnosprawnosc_dostepnosc"],
    ),
    _service(
        8,
        "Poradnia psychologiczno-pedagogiczna w Lublinie",
        "stowarzyszenie-lom",
        "Diagnoza i wsparcie uczniów ze specjalnymi potrzebami edukacyjnymi, konsultacje dla nauczycieli.",
        "Poradnia wydaje opinie i orzeczenia, prowadzi terapię i wspiera szkoły w edukacji włączającej. "
        "Nauczyciele mogą umówić konsultację w szkole.",
        date="2024-09-10",
        kind="school",
        voivodeship="06",
        place="lublin",
        areas=["edukacja_wlaczajaca"],
    ),
    _service(
        9,
        "Centrum Integracji Społecznej w Gdańsku",
        "miasto-gdansk",
        "Reintegracja zawodowa i społeczna osób zagrożonych wykluczeniem.",
        "Uczestnicy centrum integracji społecznej w Gdańsku zdobywają kwalifikacje w warsztatach "
        "gastronomicznym, remontowym i ogrodniczym oraz korzystają z doradztwa zawodowego.",
        date="2024-05-05",
        kind="ngo",
        voivodeship="22",
        place="gdansk",
        areas=["aktywna_integracja_es", "aktywizacja_rynek_pracy"],
    ),
    _service(
        10,
        "Usługi opiekuńcze w miejscu zamieszkania w Łodzi",
        "miasto-lodz",
        "Pomoc w codziennych czynnościach w domu dla osób starszych i chorych.",
        "Opiekunki pomagają w zakupach, przygotowaniu posiłków i higienie. Usługi opiekuńcze przyznaje "
        "ośrodek pomocy społecznej po wywiadzie środowiskowym.",
        date="2024-07-19",
        kind="ops",
        voivodeship="10",
        place="lodz",
        areas=["opieka_dlugoterminowa_seniorzy", "uslugi_spoleczne"],
    ),
    _service(
        11,
        "Asystent osobisty osoby z niepełnosprawnością w Poznaniu",
        "metropolia-poznan",
        "Wsparcie asystenta w codziennych czynnościach, dojazdach i aktywności społecznej.",
        "Usługa asystencji osobistej jest dostępna dla dorosłych z orzeczeniem o znacznym lub umiarkowanym "
        "stopniu niepełnosprawności oraz dla dzieci do 16 lat z orzeczeniem.",
        date="2024-02-20",
        kind="ngo",
        voivodeship="30",
        place="poznan",
        areas=["niepelnosprawnosc_dostepnosc"],
    ),
    _service(
        12,
        "Młodzieżowy Dom Kultury w Gdańsku",
        "miasto-gdansk",
        "Zajęcia artystyczne, sportowe i naukowe dla dzieci i młodzieży.",
        "Młodzieżowy dom kultury prowadzi pracownie plastyczne, teatralne i robotyki. Zajęcia są bezpłatne "
        "dla uczniów gdańskich szkół.",
        date="2024-09-02",
        kind="school",
        voivodeship="22",
        place="gdansk",
        areas=["kultura_dziedzictwo_turystyka"],
    ),
    _service(
        13,
        "Punkt informacyjny dla cudzoziemców we Wrocławiu",
        "zit-wrof",
        "Informacja o legalizacji pobytu, pracy i nauce w języku ukraińskim, angielskim i polskim.",
        "Punkt pomaga cudzoziemcom mieszkającym we Wrocławiu w sprawach pobytowych, zapisach do szkół i "
        "szukaniu pracy. Organizuje kursy języka polskiego.",
        date="2024-03-18",
        kind="ngo",
        voivodeship="02",
        place="wroclaw",
        areas=["integracja_cudzoziemcow"],
    ),
    _service(
        14,
        "Teleopieka dla seniorów w Metropolii Krakowskiej",
        "metropolia-krakowska",
        "Opaska z przyciskiem alarmowym i całodobowe centrum wsparcia dla osób starszych.",
        "Seniorzy mieszkający samotnie w gminach Metropolii Krakowskiej otrzymują opaskę z przyciskiem SOS. "
        "Centrum teleopieki całodobowo odbiera wezwania i powiadamia rodzinę lub służby.",
        date="2025-01-08",
        kind="zit_association",
        voivodeship="12",
        place="krakow",
        areas=["opieka_dlugoterminowa_seniorzy"],
    ),
]

CORPUS: list[SearchDocument] = [*PRACTICES, *HANDBOOK, *REPORTS, *ORGANISATIONS, *SERVICES]

# (query, keys that must appear in the top 5 for a signed-in member, what the query tests)
QUERIES: list[tuple[str, list[str], str]] = [
    # Inflected forms.
    ("edukacji włączającej", ["practice:1", "handbook:3"], "genitive of the title words"),
    ("edukację włączającą", ["practice:1"], "accusative"),
    (
        "centrów aktywności lokalnej",
        ["service:1", "practice:2"],
        "genitive plural of Centrum Aktywności Lokalnej",
    ),
    (
        "centrum aktywności lokalnej",
        ["service:1", "practice:2", "handbook:8"],
        "nominative; the CAL handbook says 'Centra'",
    ),
    ("radach młodzieżowych", ["practice:21", "report:6"], "locative plural; the titles say 'rad' / 'Rady'"),
    ("młodzieżowej rady gminy", ["practice:3"], "genitive; 'Rada Seniorów' is a distractor"),
    ("rada seniorów", ["practice:4"], "the distractor's own query; must not be drowned by youth councils"),
    ("strategii rozwoju ponadlokalnego", ["handbook:1"], "genitive of a three-word title"),
    ("usługach społecznych", ["report:1", "handbook:7"], "locative plural; the texts say 'usługi' / 'usług'"),
    ("deinstytucjonalizacji usług", ["handbook:7"], "genitive; rare word"),
    ("w Krakowie", ["organisation:1"], "locative of the city; many documents mention Kraków"),
    ("Łodzi", ["organisation:3"], "genitive/locative of Łódź"),
    (
        "w Gdańsku",
        ["organisation:4"],
        "locative; the lemmatiser turns 'Gdańsku' into the adjective 'gdański'",
    ),
    ("we Wrocławiu", ["organisation:6"], "locative; the organisation's title says 'Wrocław'"),
    ("w Poznaniu", ["organisation:7"], "locative; the lemmatiser reads 'Poznaniu' as 'poznanie'"),
    ("Poznań", ["organisation:7", "service:11"], "read as the verb 'poznać'; the service says 'w Poznaniu'"),
    ("w Szczecinie", ["organisation:11"], "locative; the title has the adjective 'Szczecińskiego'"),
    ("mieszkań wspomaganych", ["practice:10"], "genitive plural"),
    ("opiece wytchnieniowej", ["practice:11"], "locative"),
    ("węzłów przesiadkowych", ["practice:7"], "genitive plural with vowel change (węzeł → węzłów)"),
    ("metropolii krakowskiej", ["organisation:2"], "genitive of the association's name"),
    ("transportu zbiorowego", ["report:3"], "genitive"),
    ("spółdzielni socjalnej", ["practice:16"], "genitive"),
    ("integracji cudzoziemców", ["practice:14"], "genitive; the title says 'imigrantów'"),
    # Missing diacritics.
    ("krakow", ["organisation:1"], "Kraków without diacritics"),
    ("lodz", ["organisation:3"], "Łódź without diacritics"),
    ("gdansk", ["organisation:4", "service:9"], "without diacritics; the service says 'w Gdańsku'"),
    ("edukacja wlaczajaca", ["practice:1"], "title without diacritics"),
    ("wałbrzych", ["organisation:8"], "with diacritics, lower case"),
    ("walbrzych", ["organisation:8"], "without diacritics"),
    ("spoleczne uslugi", ["report:1", "handbook:7"], "reversed word order, no diacritics"),
    ("zielona gora", ["organisation:12"], "two-word city without diacritics"),
    ("bialystok", ["organisation:9"], "Białystok without diacritics; the title has the adjective"),
    ("rzeszow", ["organisation:10"], "Rzeszów without diacritics"),
    ("zlobki przedszkola", ["practice:19"], "ż and ł dropped"),
    ("nieodplatnej pomocy prawnej", ["service:4"], "inflected, without diacritics"),
    # Multi-word.
    ("klub seniora Wałbrzych", ["service:3"], "name + town; 'Dzienny Dom Seniora' is a distractor"),
    ("transport publiczny Gdańsk Gdynia", ["practice:6"], "topic + two towns"),
    ("zasada DNSH", ["handbook:5"], "acronym"),
    ("równość kobiet i mężczyzn", ["handbook:4"], "stop word inside the phrase"),
    ("ewaluacja strategii ZIT", ["handbook:2", "report:2"], "three words, two types"),
    ("retencja wody deszczowej", ["practice:18"], "three words"),
    ("centrum usług społecznych", ["practice:12"], "shares 'centrum' with CAL and CIS"),
    ("budżet obywatelski młodzież", ["practice:3"], "topic + audience"),
    ("termomodernizacja szkół", ["practice:17"], "'szkół' also appears in the education documents"),
    ("MOF4US mapa usług", ["practice:13"], "project code + topic"),
    # Typos (one letter).
    ("edukajca włączająca", ["practice:1"], "transposed letters"),
    ("rewitalizajca", ["practice:8", "practice:9", "report:4"], "transposed letters"),
    ("transprt publiczny", ["practice:6", "report:3"], "missing letter"),
    ("asystencja osobita", ["practice:15"], "missing letter"),
    ("deinstytucjonalizajca", ["handbook:7"], "transposed letters in a long word"),
    # Upper/lower case.
    ("EDUKACJA WŁĄCZAJĄCA", ["practice:1"], "upper case"),
    ("KRAKÓW", ["organisation:1"], "upper case with diacritic"),
    ("Centrum AKTYWNOŚCI lokalnej", ["service:1"], "mixed case"),
    # Mixed: inflection + no diacritics + case.
    ("Edukacji Wlaczajacej", ["practice:1"], "inflected, no diacritics, title case"),
    ("centrow aktywnosci lokalnej krakow", ["service:1"], "inflected, no diacritics, plus the town"),
    ("rewitalizacji walbrzycha", ["practice:8"], "both words inflected, no diacritics"),
    ("MLODZIEZOWA RADA", ["practice:3", "practice:21"], "upper case without diacritics"),
    # A members-only document: found by the signed-in member this table runs as.
    ("dostępność cyfrowa e-usług", ["practice:24"], "members-only practice"),
]

# Members-only documents an anonymous visitor must NOT find (anywhere in the results), while a signed-in
# member finds them in the top 5: (query, members-only key, what it tests).
PERMISSION_CASES: list[tuple[str, str, str]] = [
    ("wizyta studyjna Lizbona", "report:5", "members-only report"),
    ("notatki trenerskie polityka społeczna", "handbook:11", "members-only handbook section"),
    ("potrzeby szkoleniowe ankieta", "report:7", "members-only report"),
]


def expected_by_query() -> dict[str, list[str]]:
    """`QUERIES` as the mapping `search.relevance` takes."""
    return {query: list(keys) for query, keys, _note in QUERIES}
