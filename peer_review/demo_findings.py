"""Demo findings of the seed cycle (Polish): what observers and experts noted at each challenge in Kalisz.

Data only; `peer_review.demo` writes it through the services. Per challenge: strengths (S), problems or risks
(P), good practices seen (G: a library practice by slug, or a new one by name) and recommendations (R: text,
addressee, time frame, priority). `CONSOLIDATED` says how the experts merged the recommendation findings.
"""

S, P, G, R = "strength", "problem", "practice", "recommendation"

FINDINGS: dict[str, list[tuple]] = {
    "aktualizacja": [
        (
            S,
            "Strategia ma aktualną diagnozę i pozytywną opinię ministra oraz instytucji zarządzającej, więc "
            "aktualizacja nie zaczyna się od zera.",
        ),
        (S, "Zarząd stowarzyszenia deklaruje gotowość do zmiany trybu prac i oddania inicjatywy gminom."),
        (
            P,
            "Gminy traktują aktualizację jako procedurę opiniowania: formularz uwag nie zachęca do "
            "proponowania nowych przedsięwzięć.",
        ),
        (
            P,
            "Brak harmonogramu, który łączyłby aktualizację strategii z terminami zmian w programie "
            "regionalnym — ryzyko prac po czasie.",
        ),
        (G, "Warsztaty celów strategii z udziałem radnych i sołtysów (Związek ZIT Aglomeracji Opolskiej)"),
        (
            R,
            "Zorganizować warsztaty robocze z gminami w podziale na cele strategii zamiast zbierania uwag "
            "na formularzu.",
            "Biuro Stowarzyszenia Aglomeracja Kalisko-Ostrowska",
            "do końca II kwartału 2027",
            "high",
        ),
        (
            R,
            "Przyjąć harmonogram aktualizacji powiązany z przeglądem śródokresowym programu regionalnego.",
            "Zarząd Stowarzyszenia",
            "do marca 2027",
            "medium",
        ),
        (
            R,
            "Prowadzić warsztaty celów strategii z udziałem gmin i powiatów, a nie tylko ankietę.",
            "Biuro ZIT",
            "2027",
            "high",
        ),
    ],
    "monitoring": [
        (S, "Zestaw wskaźników jest krótki i powiązany z celami strategii."),
        (P, "Dane od gmin przychodzą raz w roku, w różnych formatach i z opóźnieniem kilku miesięcy."),
        (P, "Raport z monitoringu nie prowadzi do decyzji rady aglomeracji — brak procedury reagowania."),
        (G, "Wspólny formularz wskaźników online z terminem i przypomnieniami (Aglomeracja Wałbrzyska)"),
        (
            R,
            "Wprowadzić jeden formularz danych online z terminami i przypomnieniami dla gmin.",
            "Biuro ZIT",
            "do końca 2027",
            "high",
        ),
        (
            R,
            "Ustalić, że każdy raport z monitoringu kończy się listą decyzji do podjęcia przez radę "
            "aglomeracji.",
            "Rada Aglomeracji",
            "od najbliższego raportu",
            "medium",
        ),
        (R, "Zastąpić arkusze z gmin jednym narzędziem zbierania danych.", "Biuro ZIT", "2027", "high"),
    ],
    "rownosc": [
        (S, "Kryteria wyboru przedsięwzięć już dziś zawierają pytanie o zasadę równości kobiet i mężczyzn."),
        (P, "Wnioskodawcy ograniczają się do deklaracji; nikt nie sprawdza efektów po zakończeniu projektu."),
        (G, "warsztaty-zasady-horyzontalne"),
        (
            R,
            "Opracować pięć pytań kontrolnych o równość kobiet i mężczyzn stosowanych przy wyborze i przy "
            "odbiorze przedsięwzięć.",
            "Zespół oceny przedsięwzięć ZIT",
            "do połowy 2027",
            "medium",
        ),
        (
            R,
            "Dodać do sprawozdań końcowych miernik efektów dla kobiet i mężczyzn.",
            "Biuro ZIT",
            "2027",
            "low",
        ),
    ],
    "dostepnosc": [
        (S, "Gminy znają problem i chcą wspólnego rozwiązania — to dobry punkt wyjścia."),
        (
            P,
            "Małe gminy górskie nie mają specjalisty ds. dostępności; uwagi pojawiają się dopiero przy "
            "odbiorze robót.",
        ),
        (P, "Brak listy kontrolnej dostępności na etapie koncepcji i projektu budowlanego."),
        (G, "Wspólny koordynator dostępności dla gmin obszaru (Związek ZIT Aglomeracji Opolskiej)"),
        (
            R,
            "Zatrudnić wspólnego koordynatora dostępności dla gmin Aglomeracji Jeleniogórskiej.",
            "Stowarzyszenie Aglomeracja Jeleniogórska",
            "do końca 2027",
            "high",
        ),
        (
            R,
            "Wprowadzić listę kontrolną dostępności na etapie koncepcji inwestycji.",
            "Gminy obszaru ZIT",
            "od 2027",
            "high",
        ),
        (
            R,
            "Sfinansować etat koordynatora dostępności wspólnie przez gminy.",
            "Zarząd Stowarzyszenia",
            "2027",
            "medium",
        ),
    ],
    "powiazanie": [
        (S, "Strategia ZIT odwołuje się do celów strategii wojewódzkiej."),
        (P, "Strategie gmin i powiatów powstawały w różnych latach i nie odwołują się do strategii ZIT."),
        (G, "Macierz powiązań celów strategii gmin ze strategią ZIT (Związek ZIT Aglomeracji Wrocławskiej)"),
        (
            R,
            "Przygotować macierz powiązań celów strategii gmin i powiatów z celami strategii ZIT i "
            "aktualizować ją co roku.",
            "Biuro ZIT",
            "do połowy 2027",
            "medium",
        ),
    ],
    "projekty": [
        (S, "Doświadczenie we wspólnym projekcie transportowym kilku gmin."),
        (P, "Brak umowy partnerskiej określającej podział zadań i ryzyk we wspólnych projektach gmin."),
        (P, "Lider projektu ponosi koszty obsługi bez rekompensaty od partnerów."),
        (G, "warsztaty-zarzadzanie-projektami"),
        (
            R,
            "Opracować wzór umowy partnerskiej dla wspólnych projektów gmin z podziałem zadań, ryzyk i "
            "kosztów obsługi.",
            "Biuro ZIT we współpracy z radcami prawnymi gmin",
            "do końca I półrocza 2027",
            "high",
        ),
        (
            R,
            "Uzgodnić zasady zwrotu kosztów obsługi projektu dla lidera.",
            "Gminy partnerskie",
            "2027",
            "medium",
        ),
    ],
    "dnsh": [
        (S, "Zespół zna zasadę DNSH i stosuje ją przy ocenie przedsięwzięć."),
        (P, "Ocena DNSH opiera się na oświadczeniach wnioskodawców bez wymaganych dowodów."),
        (G, "siec-zasady-horyzontalne-w-mof"),
        (
            R,
            "Przygotować listę dowodów wymaganych dla każdego z sześciu celów środowiskowych DNSH.",
            "Zespół oceny przedsięwzięć ZIT",
            "do marca 2027",
            "high",
        ),
        (
            R,
            "Przeszkolić wnioskodawców z dokumentowania zgodności z zasadą DNSH.",
            "Biuro ZIT",
            "2027",
            "medium",
        ),
    ],
    "nowe_gminy": [
        (S, "Jasne kryteria przystąpienia nowych gmin zapisane w statucie."),
        (
            P,
            "Nowe gminy nie znają strategii ZIT i trybu wyboru przedsięwzięć — pierwsze miesiące są stracone.",
        ),
        (
            G,
            "Pakiet powitalny dla nowej gminy: strategia, kalendarz, opiekun w biurze (Aglomeracja "
            "Wałbrzyska)",
        ),
        (
            R,
            "Przygotować pakiet wprowadzający dla nowych gmin i wyznaczyć im opiekuna w biurze ZIT.",
            "Biuro ZIT",
            "przed przystąpieniem kolejnych gmin",
            "medium",
        ),
        (
            R,
            "Zapraszać nowe gminy na posiedzenia grup roboczych jeszcze przed formalnym przystąpieniem.",
            "Zarząd Stowarzyszenia",
            "od 2027",
            "low",
        ),
    ],
    "partnerstwo": [
        (S, "Organizacje pozarządowe biorą udział w pracach komitetu ZIT."),
        (P, "Partnerzy społeczno-gospodarczy dostają dokumenty zbyt późno, by przygotować stanowisko."),
        (G, "siec-mof4us-uslugi-spoleczne-w-mof"),
        (
            R,
            "Udostępniać partnerom dokumenty co najmniej 14 dni przed posiedzeniem i publikować odpowiedzi "
            "na ich uwagi.",
            "Sekretariat komitetu ZIT",
            "od 2027",
            "medium",
        ),
        (
            R,
            "Powołać stałą grupę roboczą z organizacjami pozarządowymi do spraw usług społecznych.",
            "Zarząd Stowarzyszenia",
            "2027",
            "medium",
        ),
    ],
}

# Per challenge: consolidated recommendations as (indexes of the R findings merged, text, addressee, time frame,
# priority). Indexes count the challenge's R entries from 0. Challenges not listed are left for the experts.
CONSOLIDATED: dict[str, list[tuple]] = {
    "aktualizacja": [
        (
            (0, 2),
            "Zastąpić zbieranie uwag na formularzu warsztatami roboczymi z gminami i powiatami w podziale na "
            "cele strategii.",
            "Biuro Stowarzyszenia Aglomeracja Kalisko-Ostrowska",
            "do końca II kwartału 2027",
            "high",
        ),
        (
            (1,),
            "Powiązać harmonogram aktualizacji strategii z przeglądem śródokresowym programu regionalnego.",
            "Zarząd Stowarzyszenia",
            "do marca 2027",
            "medium",
        ),
    ],
    "monitoring": [
        (
            (0, 2),
            "Wprowadzić jedno narzędzie online do zbierania danych o wskaźnikach od gmin, z terminami i "
            "przypomnieniami.",
            "Biuro ZIT",
            "do końca 2027",
            "high",
        ),
        (
            (1,),
            "Kończyć każdy raport z monitoringu listą decyzji do podjęcia przez radę aglomeracji.",
            "Rada Aglomeracji",
            "od najbliższego raportu",
            "medium",
        ),
    ],
    "rownosc": [
        (
            (0, 1),
            "Stosować pytania kontrolne o równość kobiet i mężczyzn przy wyborze i odbiorze przedsięwzięć "
            "oraz miernik efektów w sprawozdaniach końcowych.",
            "Zespół oceny przedsięwzięć ZIT",
            "do połowy 2027",
            "medium",
        ),
    ],
    "dostepnosc": [
        (
            (0, 2),
            "Powołać wspólnego, współfinansowanego przez gminy koordynatora dostępności dla Aglomeracji "
            "Jeleniogórskiej.",
            "Stowarzyszenie Aglomeracja Jeleniogórska",
            "do końca 2027",
            "high",
        ),
        (
            (1,),
            "Wprowadzić listę kontrolną dostępności na etapie koncepcji każdej inwestycji ZIT.",
            "Gminy obszaru ZIT",
            "od 2027",
            "high",
        ),
    ],
    "powiazanie": [
        (
            (0,),
            "Przygotować i co roku aktualizować macierz powiązań celów strategii gmin i powiatów z celami "
            "strategii ZIT.",
            "Biuro ZIT",
            "do połowy 2027",
            "medium",
        ),
    ],
    "projekty": [
        (
            (0, 1),
            "Opracować wzór umowy partnerskiej dla wspólnych projektów gmin, z podziałem zadań, ryzyk i "
            "kosztów obsługi ponoszonych przez lidera.",
            "Biuro ZIT we współpracy z radcami prawnymi gmin",
            "do końca I półrocza 2027",
            "high",
        ),
    ],
    "dnsh": [
        (
            (0, 1),
            "Przygotować listę dowodów dla sześciu celów środowiskowych DNSH i przeszkolić z niej "
            "wnioskodawców.",
            "Zespół oceny przedsięwzięć ZIT",
            "do marca 2027",
            "high",
        ),
    ],
    "nowe_gminy": [
        (
            (0, 1),
            "Przygotować pakiet wprowadzający i opiekuna dla nowych gmin oraz zapraszać je do grup "
            "roboczych przed formalnym przystąpieniem.",
            "Biuro ZIT",
            "przed przystąpieniem kolejnych gmin",
            "medium",
        ),
    ],
    # "partnerstwo" is left for the experts to consolidate in the browser.
}
