"""Demo cycles of the Assessment and Cooperation Forum in Polish, built through the services (seed 001).

The seed's cycle (leader ZIT AKO, partners ZIT AJ and ZIT AW) is left with its assignment published, in the
preparation phase; a second cycle waits in challenge identification so the demo users can walk one themselves.
Re-seeding removes both cycles and builds them again: the services refuse to rewind a cycle, so rebuilding is
the only way to update them, and it gives every demo session the same starting point.
"""

import logging
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from wagtail.models import ModelLogEntry, Page

from knowledge.models import PracticePage
from zitnet.accounts.enums import GlobalRole, MembershipRole, MembershipStatus
from zitnet.accounts.models import Membership, RoleGrant, User
from zitnet.directory.models import ThematicArea

from . import findings, followup, services
from . import report as reports
from .demo_findings import CONSOLIDATED, FINDINGS
from .enums import (
    AgendaItemKind,
    ApplicationStatus,
    Availability,
    CyclePhase,
    HostRole,
    MeetingKind,
    PairRuleKind,
    ResponseStatus,
    RunStatus,
)
from .models import AssignedPair, AssignmentRun, Challenge, Cycle, ObserverApplication, Recommendation, Report
from .notifications import muted
from .selectors import participants
from .services import reason_text

FORUM_SLUG = "forum-oceny-2025-2026"
NEXT_SLUG = "forum-oceny-2027"
WARSAW = ZoneInfo("Europe/Warsaw")


class DemoSeedError(RuntimeError):
    """The demo cycle could not be built as planned (e.g. the assignment is infeasible)."""


@dataclass(frozen=True)
class Person:
    email: str
    first_name: str
    last_name: str
    job_title: str
    organisation: str  # short name of a demo organisation


# --- people -----------------------------------------------------------------------------------------------

AJ_COORDINATOR = Person(
    "grzegorz.sobczak@zitnet.test", "Grzegorz", "Sobczak", "Kierownik Wydziału Zarządzania ZIT AJ", "ZIT AJ"
)
SECOND_EXPERT = Person(
    "pawel.gorecki@zitnet.test",
    "Paweł",
    "Górecki",
    "Ekspert ds. monitorowania i ewaluacji strategii",
    "UMK CBnR",
)
NEXT_COORDINATORS = {
    "ZIT LGOF": Person(
        "beata.kaczmarek@zitnet.test", "Beata", "Kaczmarek", "Koordynatorka Biura ZIT LGOF", "ZIT LGOF"
    ),
    "ZIT Gniezno": Person(
        "lukasz.wrobel@zitnet.test",
        "Łukasz",
        "Wróbel",
        "Dyrektor Biura Stowarzyszenia ZIT Gniezno",
        "ZIT Gniezno",
    ),
}

OBSERVER_LOGIN = "obserwator@zitnet.test"
FORBIDDEN_FOR = "hubert.malinowski@zitnet.test"  # the coordinator forbids one of his first-run pairs


@dataclass(frozen=True)
class Applicant:
    person: Person | None  # None: the demo login obserwator@ (Kcynia)
    organisation: str
    preferences: tuple[str, str, str]  # challenge keys, best first
    areas: tuple[str, ...]
    tags: tuple[str, ...]
    availability: str
    motivation: str
    declared: tuple[str, str] | None = None  # (host short name, reason)


def _p(email: str, first: str, last: str, title: str, org: str) -> Person:
    return Person(f"{email}@zitnet.test", first, last, title, org)


B, ON, OS = Availability.BOTH, Availability.ONLINE, Availability.ONSITE
ZS, PP, ZH, ZP = (
    "zarzadzanie_strategiczne_mof",
    "partycypacja_partnerstwo",
    "zasady_horyzontalne",
    "zarzadzanie_projektami",
)
DOST, KLIMAT, REW = "niepelnosprawnosc_dostepnosc", "adaptacja_klimat", "rewitalizacja"

APPLICANTS = [
    Applicant(
        None,
        "Kcynia",
        ("powiazanie", "monitoring", "projekty"),
        (ZS,),
        ("strategia gminy", "planowanie strategiczne"),
        B,
        "Gmina Kcynia przygotowuje nową strategię rozwoju i chcemy ją powiązać ze strategią ponadlokalną. "
        "Chcę zobaczyć, jak robią to gminy w związkach ZIT z dłuższym doświadczeniem.",
    ),
    Applicant(
        _p("marta.zielinska", "Marta", "Zielińska", "Kierowniczka Biura ZIT ZOF", "ZIT ZOF"),
        "ZIT ZOF",
        ("aktualizacja", "powiazanie", "nowe_gminy"),
        (ZS, PP),
        ("strategia ZIT", "współpraca gmin"),
        B,
        "Nasz związek powstał w perspektywie 2021–2027 i pierwszy raz będzie aktualizował strategię ZIT. "
        "Chcemy uczyć się od związków, które przeszły ten proces.",
    ),
    Applicant(
        _p("tomasz.michalak", "Tomasz", "Michalak", "Specjalista ds. strategii", "ZIT LGOF"),
        "ZIT LGOF",
        ("monitoring", "aktualizacja", "dnsh"),
        (ZS,),
        ("monitoring strategii", "wskaźniki"),
        B,
        "Budujemy system monitorowania strategii ZIT LGOF. Interesuje mnie, jakie wskaźniki gminy faktycznie "
        "raportują i jak wyniki ewaluacji wracają do zarządu związku.",
    ),
    Applicant(
        _p("anna.kubiak", "Anna", "Kubiak", "Koordynatorka ds. partnerstwa", "ZIT POF"),
        "ZIT POF",
        ("partnerstwo", "nowe_gminy", "projekty"),
        (PP,),
        ("partnerstwo", "moderacja spotkań"),
        B,
        "ZIT POF łączy 26 samorządów trzech powiatów. Szukamy sposobów, by utrzymać zaangażowanie wszystkich "
        "gmin także między naborami.",
    ),
    Applicant(
        _p(
            "krzysztof.nowicki",
            "Krzysztof",
            "Nowicki",
            "Główny specjalista ds. funduszy europejskich",
            "ZIT Konin",
        ),
        "ZIT Konin",
        ("dnsh", "rownosc", "dostepnosc"),
        (ZH, KLIMAT),
        ("DNSH", "ocena projektów"),
        B,
        "Oceniamy zgodność przedsięwzięć z zasadą DNSH i zależy nam na praktycznych kryteriach, które nie "
        "zamieniają się w formalność.",
    ),
    Applicant(
        _p("magdalena.pawlak", "Magdalena", "Pawlak", "Specjalistka ds. dostępności", "ZIT Gniezno"),
        "ZIT Gniezno",
        ("dostepnosc", "rownosc", "dnsh"),
        (DOST, ZH),
        ("dostępność", "standardy dostępności"),
        B,
        "Jestem koordynatorką dostępności. Chcę porównać, jak inne związki sprawdzają dostępność inwestycji "
        "jeszcze na etapie projektu.",
    ),
    Applicant(
        _p("piotr.jasinski", "Piotr", "Jasiński", "Kierownik Referatu Rozwoju", "ZIT Leszno"),
        "ZIT Leszno",
        ("powiazanie", "partnerstwo", "projekty"),
        (ZS, PP),
        ("strategie gmin", "rozwój lokalny"),
        B,
        "W Lesznie porządkujemy relację między strategią ponadlokalną a strategiami sześciu gmin. Chętnie "
        "podzielę się naszymi doświadczeniami i wysłucham innych.",
        declared=(
            "ZIT AKO",
            "Do 2023 r. pracowałem przy strategii rozwoju ponadlokalnego Aglomeracji "
            "Kalisko-Ostrowskiej jako konsultant zewnętrzny.",
        ),
    ),
    Applicant(
        _p("ewelina.grabowska", "Ewelina", "Grabowska", "Inspektorka ds. projektów", "ZIT Piła"),
        "ZIT Piła",
        ("projekty", "monitoring", "dostepnosc"),
        (ZP,),
        ("zarządzanie projektami", "zamówienia publiczne"),
        ON,
        "Prowadzę projekty partnerskie kilku gmin i zmagam się z koordynacją zamówień. Chcę poznać "
        "sprawdzone rozwiązania.",
    ),
    Applicant(
        _p("rafal.szymanski", "Rafał", "Szymański", "Zastępca dyrektora Biura ZIT", "ZIT Włocławek"),
        "ZIT Włocławek",
        ("nowe_gminy", "aktualizacja", "partnerstwo"),
        (ZS, PP),
        ("rozszerzenie MOF", "porozumienia międzygminne"),
        B,
        "Do naszego obszaru funkcjonalnego chcą dołączyć kolejne gminy. Potrzebujemy wiedzy, jak to dobrze "
        "przygotować formalnie i w strategii.",
    ),
    Applicant(
        _p("karolina.dudek", "Karolina", "Dudek", "Specjalistka ds. równości szans", "ZIT Grudziądz"),
        "ZIT Grudziądz",
        ("rownosc", "dostepnosc", "partnerstwo"),
        (ZH,),
        ("równość szans", "zasady horyzontalne"),
        B,
        "Odpowiadam za zasady horyzontalne w naborach ZIT. Interesuje mnie, jak wykazywać wpływ przedsięwzięć "
        "na równość kobiet i mężczyzn.",
    ),
    Applicant(
        _p("adam.wieczorek", "Adam", "Wieczorek", "Kierownik projektów ZIT", "ZIT Inowrocław"),
        "ZIT Inowrocław",
        ("projekty", "dnsh", "monitoring"),
        (ZP, ZH),
        ("zarządzanie ryzykiem", "projekty zintegrowane"),
        OS,
        "Realizujemy pierwsze projekty zintegrowane. Chcę zobaczyć, jak inni dzielą ryzyko między partnerów "
        "i jak to zapisują w umowach.",
    ),
    Applicant(
        _p("joanna.baran", "Joanna", "Baran", "Specjalistka ds. strategii", "ZIT MOF PT-B-R"),
        "ZIT MOF PT-B-R",
        ("monitoring", "powiazanie", "aktualizacja"),
        (ZS,),
        ("ewaluacja", "monitoring strategii"),
        B,
        "Nasz związek obejmuje 25 samorządów trzech powiatów. Szukamy prostego sposobu, by zbierać dane do "
        "monitorowania strategii od wszystkich gmin.",
    ),
    Applicant(
        _p("michal.krol", "Michał", "Król", "Inspektor ds. rozwoju", "ZIT MOF TM-O"),
        "ZIT MOF TM-O",
        ("partnerstwo", "powiazanie", "nowe_gminy"),
        (PP,),
        ("partnerzy społeczno-gospodarczy", "konsultacje"),
        ON,
        "Chcę dowiedzieć się, jak angażować partnerów społeczno-gospodarczych w realizację strategii, a nie "
        "tylko w konsultacje.",
    ),
    Applicant(
        _p("agata.zawadzka", "Agata", "Zawadzka", "Koordynatorka Związku ZIT", "ZIT MOF S-ZW-Ł"),
        "ZIT MOF S-ZW-Ł",
        ("aktualizacja", "rownosc", "monitoring"),
        (ZS, ZH),
        ("strategia ZIT", "zasady horyzontalne"),
        B,
        "Przygotowujemy aktualizację strategii ZIT i chcemy od początku lepiej uwzględnić zasady horyzontalne.",
    ),
    Applicant(
        _p("lukasz.sikora", "Łukasz", "Sikora", "Specjalista ds. środowiska", "ZIT Kamień Pomorski"),
        "ZIT Kamień Pomorski",
        ("dnsh", "partnerstwo", "rownosc"),
        (KLIMAT, ZH),
        ("DNSH", "adaptacja do zmian klimatu"),
        B,
        "Pracujemy na obszarze nadmorskim, gdzie ocena wpływu na środowisko ma szczególne znaczenie. Chcę "
        "poznać praktykę oceny DNSH w innych związkach.",
    ),
    Applicant(
        _p("natalia.olszewska", "Natalia", "Olszewska", "Kierowniczka Referatu Funduszy", "ZIT Sławno"),
        "ZIT Sławno",
        ("nowe_gminy", "projekty", "dostepnosc"),
        (ZS, ZP),
        ("współpraca gmin", "zarządzanie projektami"),
        B,
        "Nasz związek obejmuje cały powiat sławieński. Chcemy dowiedzieć się, jak inni przygotowywali "
        "porozumienia z nowymi gminami.",
    ),
    Applicant(
        _p("bartosz.czarnecki", "Bartosz", "Czarnecki", "Inspektor ds. ZIT", "ZIT MOF Szczecinka"),
        "ZIT MOF Szczecinka",
        ("dostepnosc", "projekty", "powiazanie"),
        (DOST, ZP),
        ("dostępność", "inwestycje"),
        B,
        "Przygotowujemy inwestycje drogowe i w przestrzeni publicznej. Chcę wiedzieć, jak zapewnić ich "
        "dostępność na etapie planowania.",
    ),
    Applicant(
        _p("izabela.mazur", "Izabela", "Mazur", "Specjalistka ds. współpracy", "ZIT OF Gryfice"),
        "ZIT OF Gryfice",
        ("partnerstwo", "rownosc", "aktualizacja"),
        (PP, ZH),
        ("partnerstwo", "komunikacja"),
        ON,
        "Jako młody związek ZIT uczymy się współpracy ponad granicami gmin. Chcę przenieść dobre praktyki "
        "do naszego zespołu.",
    ),
    Applicant(
        _p("damian.walczak", "Damian", "Walczak", "Analityk ds. rozwoju", "ZIT Tarnów"),
        "ZIT Tarnów",
        ("monitoring", "dnsh", "powiazanie"),
        (ZS,),
        ("analiza danych", "wskaźniki"),
        ON,
        "Zajmuję się danymi i wskaźnikami. Chętnie zobaczę, jak inne związki korzystają z wyników ewaluacji.",
    ),
    Applicant(
        _p("sylwia.kowalewska", "Sylwia", "Kowalewska", "Dyrektorka Biura Metropolii", "ZIT Poznań"),
        "ZIT Poznań",
        ("aktualizacja", "nowe_gminy", "monitoring"),
        (ZS, PP),
        ("strategia metropolitalna", "zarządzanie MOF"),
        B,
        "Metropolia Poznań ma doświadczenie z dwóch perspektyw. Chcę wymienić się wiedzą o aktualizacji "
        "strategii i poszerzaniu obszaru.",
    ),
    Applicant(
        _p("wojciech.lis", "Wojciech", "Lis", "Specjalista ds. projektów partnerskich", "ZIT Poznań"),
        "ZIT Poznań",
        ("projekty", "partnerstwo", "dnsh"),
        (ZP, PP),
        ("projekty partnerskie", "zamówienia wspólne"),
        B,
        "Koordynuję projekty partnerskie gmin metropolii. Mogę podzielić się doświadczeniem wspólnych zamówień.",
    ),
    Applicant(
        _p("renata.gorska", "Renata", "Górska", "Kierowniczka Działu Strategii", "ZIT SOM"),
        "ZIT SOM",
        ("powiazanie", "aktualizacja", "rownosc"),
        (ZS,),
        ("strategia ZIT", "polityka rozwoju"),
        B,
        "Stowarzyszenie SOM wiąże strategię ZIT ze strategiami 14 samorządów. Chcę porównać nasze podejście "
        "z innymi.",
    ),
    Applicant(
        _p("jakub.adamczyk", "Jakub", "Adamczyk", "Specjalista ds. monitoringu", "ZIT ŁOM"),
        "ZIT ŁOM",
        ("monitoring", "nowe_gminy", "dostepnosc"),
        (ZS,),
        ("monitoring", "ewaluacja"),
        ON,
        "Strategia ZIT ŁOM została niedawno zaopiniowana. Teraz budujemy jej monitoring i chcemy uniknąć "
        "typowych błędów.",
    ),
    Applicant(
        _p("paulina.sadowska", "Paulina", "Sadowska", "Koordynatorka ds. partnerstwa", "ZIT KKBOF"),
        "ZIT KKBOF",
        ("partnerstwo", "dnsh", "rownosc"),
        (PP, KLIMAT),
        ("partnerstwo", "zrównoważony rozwój"),
        B,
        "KKBOF łączy trzy miasta i ich otoczenie. Chcę poznać sposoby budowania zaufania między partnerami.",
    ),
    Applicant(
        _p("marcin.jablonski", "Marcin", "Jabłoński", "Inspektor ds. dostępności", "ZIT Toruń"),
        "ZIT Toruń",
        ("dostepnosc", "rownosc", "projekty"),
        (DOST,),
        ("dostępność", "projektowanie uniwersalne"),
        B,
        "Prowadzę audyty dostępności inwestycji. Chętnie podzielę się listą kontrolną, z której korzystamy.",
    ),
    Applicant(
        _p(
            "aleksandra.wlodarczyk",
            "Aleksandra",
            "Włodarczyk",
            "Specjalistka ds. strategii",
            "ZIT BOF (Bydgoszcz)",
        ),
        "ZIT BOF (Bydgoszcz)",
        ("aktualizacja", "dostepnosc", "monitoring"),
        (ZS, DOST),
        ("strategia ZIT", "dostępność"),
        B,
        "Uczestniczę w aktualizacji strategii ZIT BOF. Chcę porównać harmonogramy i sposób prowadzenia "
        "konsultacji.",
    ),
    Applicant(
        _p("hubert.malinowski", "Hubert", "Malinowski", "Zastępca burmistrza", "Nakło nad Notecią"),
        "Nakło nad Notecią",
        ("powiazanie", "partnerstwo", "projekty"),
        (ZS, PP),
        ("strategia gminy", "współpraca gmin"),
        OS,
        "Gmina Nakło nad Notecią chce ściślej współpracować z sąsiednimi gminami. Interesuje mnie, jak "
        "strategia gminy wpisuje się w strategię ponadlokalną.",
    ),
    Applicant(
        _p("elzbieta.kozlowska", "Elżbieta", "Kozłowska", "Sekretarz gminy", "Tuchola"),
        "Tuchola",
        ("nowe_gminy", "powiazanie", "dnsh"),
        (ZS,),
        ("zarządzanie gminą", "strategia gminy"),
        B,
        "Rozważamy udział gminy w partnerstwie ponadlokalnym. Chcę zrozumieć korzyści i obowiązki gminy, "
        "która dołącza do obszaru funkcjonalnego.",
    ),
    Applicant(
        _p("grzegorz.wojcik", "Grzegorz", "Wójcik", "Kierownik Referatu Inwestycji", "Swarzędz"),
        "Swarzędz",
        ("dnsh", "projekty", "dostepnosc"),
        (KLIMAT, ZP),
        ("inwestycje", "DNSH"),
        B,
        "Przygotowujemy inwestycje współfinansowane w ramach ZIT. Chcę wiedzieć, jakie dowody zgodności z DNSH "
        "są naprawdę potrzebne.",
    ),
    Applicant(
        _p("dorota.jankowska", "Dorota", "Jankowska", "Pełnomocniczka ds. równego traktowania", "Śrem"),
        "Śrem",
        ("rownosc", "dostepnosc", "partnerstwo"),
        (ZH, DOST),
        ("równe traktowanie", "polityka społeczna"),
        B,
        "Jestem pełnomocniczką burmistrza ds. równego traktowania. Chcę poznać, jak zasady równości działają "
        "w projektach ponadlokalnych.",
    ),
    Applicant(
        _p("stanislaw.borkowski", "Stanisław", "Borkowski", "Inspektor ds. rozwoju", "Goleniów"),
        "Goleniów",
        ("powiazanie", "monitoring", "partnerstwo"),
        (ZS,),
        ("planowanie strategiczne",),
        ON,
        "Goleniów jest członkiem SOM. Chcę poznać sposoby przekładania celów strategii ponadlokalnej na "
        "zadania gminy.",
    ),
    Applicant(
        _p(
            "weronika.chmielewska",
            "Weronika",
            "Chmielewska",
            "Specjalistka ds. funduszy zewnętrznych",
            "Kartuzy",
        ),
        "Kartuzy",
        ("projekty", "rownosc", "nowe_gminy"),
        (ZP,),
        ("fundusze europejskie", "wnioski"),
        ON,
        "Piszę wnioski o dofinansowanie i rozliczam projekty. Interesuje mnie zarządzanie projektami "
        "realizowanymi wspólnie z innymi gminami.",
    ),
    Applicant(
        _p("kamil.lewicki", "Kamil", "Lewicki", "Kierownik Referatu Promocji i Rozwoju", "Pisz"),
        "Pisz",
        ("partnerstwo", "aktualizacja", "dnsh"),
        (PP,),
        ("partycypacja", "konsultacje społeczne"),
        B,
        "Chcę zobaczyć, jak związki ZIT angażują mieszkańców i organizacje w aktualizację strategii.",
    ),
    Applicant(
        _p("monika.zalewska", "Monika", "Zalewska", "Kierowniczka Ośrodka Pomocy Społecznej", "Kożuchów"),
        "Kożuchów",
        ("dostepnosc", "rownosc", "nowe_gminy"),
        (DOST, ZH),
        ("usługi społeczne", "dostępność"),
        B,
        "Kieruję ośrodkiem pomocy społecznej. Chcę, by inwestycje w naszym obszarze były dostępne dla "
        "wszystkich mieszkańców.",
    ),
    Applicant(
        _p("artur.pietrzak", "Artur", "Pietrzak", "Wiceprezydent miasta", "Wrocław"),
        "Wrocław",
        ("nowe_gminy", "monitoring", "dnsh"),
        (ZS, PP),
        ("zarządzanie MOF", "współpraca metropolitalna"),
        OS,
        "Wrocław ma doświadczenie w koordynacji dużego obszaru funkcjonalnego. Chętnie podzielę się wnioskami "
        "z poszerzania ZIT WrOF.",
    ),
    Applicant(
        _p("iwona.rutkowska", "Iwona", "Rutkowska", "Zastępczyni dyrektora Wydziału Rozwoju", "Jelenia Góra"),
        "Jelenia Góra",
        ("aktualizacja", "dnsh", "rownosc"),
        (ZS, ZH),
        ("strategia miasta", "zasady horyzontalne"),
        B,
        "Miasto Jelenia Góra jest liderem ZIT AJ, więc nie mogę oceniać wyzwań naszej aglomeracji. Chcę "
        "natomiast uczyć się od Kalisza, Ostrowa i Wałbrzycha.",
    ),
]

# --- challenges -------------------------------------------------------------------------------------------

SAKO = "https://sako-info.pl/"
ZITAJ = "https://zitaj.jeleniagora.pl/"


@dataclass(frozen=True)
class ChallengeText:
    key: str
    host: str
    title: str
    question: str
    context: str
    themes: tuple[str, ...]
    links: str = ""


CHALLENGES = [
    ChallengeText(
        "aktualizacja",
        "ZIT AKO",
        "Aktualizacja strategii rozwoju ponadlokalnego Aglomeracji Kalisko-Ostrowskiej",
        "Jak przeprowadzić aktualizację strategii rozwoju ponadlokalnego, żeby gminy i powiaty współtworzyły "
        "zmiany, a nie tylko je opiniowały?",
        "Strategia rozwoju ponadlokalnego Aglomeracji Kalisko-Ostrowskiej do 2030 roku została przyjęta "
        "w 2023 roku i pozytywnie zaopiniowana przez ministra i instytucję zarządzającą. Zmiany w programie "
        "regionalnym i nowe potrzeby gmin wymagają jej aktualizacji. Dotychczas gminy zgłaszały uwagi na "
        "formularzu, a zespół biura stowarzyszenia je rozpatrywał. Chcemy sprawdzić, jak zorganizować proces, "
        "w którym samorządy same proponują zmiany celów i przedsięwzięć.",
        ("zarzadzanie_strategiczne_mof", "partycypacja_partnerstwo"),
        SAKO,
    ),
    ChallengeText(
        "monitoring",
        "ZIT AKO",
        "Monitorowanie i ewaluacja strategii ZIT",
        "Jak zbudować system monitorowania strategii, który gminy rzeczywiście zasilają danymi, i jak "
        "wykorzystywać wyniki ewaluacji do zmiany przedsięwzięć?",
        "Wskaźniki strategii zbieramy raz w roku w arkuszach od każdej gminy. Dane przychodzą z opóźnieniem, "
        "w różnym formacie, a raport z monitoringu trafia do rady aglomeracji, ale rzadko prowadzi do decyzji. "
        "Szukamy sposobu na prostszy obieg danych i na to, by wnioski z ewaluacji wpływały na listę "
        "przedsięwzięć.",
        ("zarzadzanie_strategiczne_mof", "zarzadzanie_projektami"),
        SAKO,
    ),
    ChallengeText(
        "rownosc",
        "ZIT AKO",
        "Zasada równości kobiet i mężczyzn w przedsięwzięciach ZIT",
        "Jak sprawdzać i wzmacniać realizację zasady równości kobiet i mężczyzn w przedsięwzięciach "
        "strategicznych, wychodząc poza deklaracje we wnioskach o dofinansowanie?",
        "Wnioskodawcy wykazują zgodność z zasadą równości kobiet i mężczyzn, ale najczęściej jest to "
        "deklaracja bez mierników. Chcemy wypracować proste pytania kontrolne na etapie wyboru przedsięwzięć "
        "i sposób sprawdzania efektów po ich zakończeniu.",
        ("zasady_horyzontalne",),
    ),
    ChallengeText(
        "dostepnosc",
        "ZIT AJ",
        "Dostępność i niedyskryminacja w inwestycjach Aglomeracji Jeleniogórskiej",
        "Jak zapewnić, by inwestycje realizowane w ramach ZIT spełniały standardy dostępności dla osób "
        "z niepełnosprawnościami już na etapie planowania, a nie dopiero przy odbiorze?",
        "Aglomeracja Jeleniogórska obejmuje 26 gmin, w tym małe gminy górskie bez specjalisty ds. dostępności. "
        "Uwagi dotyczące dostępności pojawiają się zwykle przy odbiorze robót, gdy zmiany są kosztowne. "
        "Zastanawiamy się nad wspólnym wsparciem dostępności dla wszystkich gmin obszaru.",
        ("niepelnosprawnosc_dostepnosc", "zasady_horyzontalne"),
        ZITAJ,
    ),
    ChallengeText(
        "powiazanie",
        "ZIT AJ",
        "Strategia ZIT a strategie rozwoju gmin i powiatów",
        "Jak powiązać strategię ZIT ze strategiami rozwoju gmin i powiatów, żeby dokumenty się wzmacniały, "
        "a nie powielały?",
        "Strategia ZIT Aglomeracji Jeleniogórskiej na lata 2021–2029 była aktualizowana w 2025 roku. Część gmin "
        "przyjęła własne strategie wcześniej, część pracuje nad nimi teraz. Cele bywają sformułowane różnie, "
        "a wskaźniki nie dają się zsumować. Szukamy sposobu na uzgadnianie dokumentów bez narzucania gminom "
        "jednego wzoru.",
        ("zarzadzanie_strategiczne_mof",),
        ZITAJ,
    ),
    ChallengeText(
        "projekty",
        "ZIT AJ",
        "Zarządzanie wspólnymi projektami gmin",
        "Jak planować wspólne projekty kilku gmin i zarządzać ich ryzykiem, w tym przy zamówieniach "
        "publicznych prowadzonych wspólnie?",
        "Projekty zintegrowane realizuje kilku partnerów naraz. Opóźnienie jednego przetargu wstrzymuje cały "
        "projekt, a podział odpowiedzialności w umowach partnerskich bywa nieprecyzyjny. Chcemy poznać "
        "sposoby planowania harmonogramów, zarządzania ryzykiem i wspólnych zamówień.",
        ("zarzadzanie_projektami", "partycypacja_partnerstwo"),
    ),
    ChallengeText(
        "dnsh",
        "ZIT AW",
        "Zasada „nie czyń poważnych szkód” (DNSH) i zrównoważony rozwój",
        "Jak w praktyce oceniać zgodność przedsięwzięć z zasadą DNSH i zrównoważonym rozwojem, i jakich "
        "dowodów wymagać od gmin, żeby ocena nie była formalnością?",
        "Przy wyborze przedsięwzięć gminy składają oświadczenia o zgodności z zasadą „nie czyń poważnych "
        "szkód”. Zespół oceniający nie ma jednolitych kryteriów, a gminy nie wiedzą, jakich dokumentów się "
        "od nich oczekuje. Chcemy wypracować listę pytań i dowodów dla typowych inwestycji.",
        ("zasady_horyzontalne", "adaptacja_klimat", "srodowisko_gospodarka_obiegu"),
    ),
    ChallengeText(
        "nowe_gminy",
        "ZIT AW",
        "Przystąpienie nowych gmin do obszaru funkcjonalnego",
        "Jak przygotować przystąpienie nowych gmin do obszaru funkcjonalnego, żeby szybko stały się pełnymi "
        "partnerami we wspólnych przedsięwzięciach?",
        "Obszar ZIT Aglomeracji Wałbrzyskiej w perspektywie 2021–2027 jest większy niż wcześniej. Nowe gminy "
        "mają mniej doświadczenia we wspólnych przedsięwzięciach i słabiej znają procedury związku. Chcemy "
        "wiedzieć, jak inni wprowadzali nowych partnerów: od porozumienia, przez strategię, po pierwsze "
        "projekty.",
        ("zarzadzanie_strategiczne_mof", "partycypacja_partnerstwo"),
    ),
    ChallengeText(
        "partnerstwo",
        "ZIT AW",
        "Partnerstwo z organizacjami i partnerami społeczno-gospodarczymi",
        "Jak utrzymać zaangażowanie partnerów społeczno-gospodarczych we współpracę w ramach ZIT między "
        "konsultacjami strategii a kolejnymi naborami?",
        "Partnerzy społeczno-gospodarczy aktywnie uczestniczyli w konsultacjach aktualizacji strategii ZIT, "
        "ale później ich udział słabnie. Szukamy stałych form współpracy – rady, zespołów tematycznych, "
        "wspólnych wydarzeń – które nie obciążą nadmiernie małego zespołu biura.",
        ("partycypacja_partnerstwo", "rewitalizacja"),
    ),
]

# The challenge walked through the whole thread: returned with the expert's comments, revised, approved.
RETURNED = "powiazanie"
RETURN_COMMENT = (
    "Pytanie przewodnie jest trafne, ale kontekst nie mówi, których strategii gmin dotyczy problem ani czego "
    "oczekujecie od obserwatorów. Proszę dopisać, ile gmin ma aktualne strategie i jakie różnice w celach "
    "widzicie, oraz zawęzić pytanie do uzgadniania celów i wskaźników."
)
REVISED_QUESTION = (
    "Jak uzgadniać cele i wskaźniki strategii ZIT ze strategiami rozwoju gmin i powiatów, żeby dokumenty się "
    "wzmacniały, a nie powielały?"
)
REVISED_CONTEXT_ADDITION = (
    " Z 26 gmin obszaru kilkanaście ma aktualne strategie rozwoju; pozostałe je przygotowują. Od obserwatorów "
    "oczekujemy przykładów tabel powiązań celów i wspólnych wskaźników."
)

# --- the second cycle -------------------------------------------------------------------------------------

NEXT_CHALLENGES = {
    "ZIT AW": [
        (
            "Rewitalizacja społeczna w gminach Aglomeracji Wałbrzyskiej",
            "Jak łączyć inwestycje rewitalizacyjne z usługami społecznymi, żeby zmiany w zdegradowanych "
            "obszarach były trwałe?",
            ("rewitalizacja", "uslugi_spoleczne"),
            "approved",
        ),
        (
            "Monitorowanie zaktualizowanej strategii ZIT AW",
            "Jakie wskaźniki i jaki obieg danych pozwolą zarządowi związku szybko reagować na opóźnienia "
            "przedsięwzięć?",
            ("zarzadzanie_strategiczne_mof",),
            "submitted",
        ),
        (
            "Dostępność transportu zbiorowego w obszarze funkcjonalnym",
            "Jak wspólnie planować transport zbiorowy, żeby mieszkańcy małych gmin dojeżdżali do usług "
            "publicznych bez samochodu?",
            ("mobilnosc_miejska", "transport_dostepnosc"),
            "draft",
        ),
    ],
    "ZIT LGOF": [
        (
            "Pierwsza aktualizacja strategii nowego związku ZIT",
            "Jak przygotować pierwszą aktualizację strategii ZIT w związku, który powstał w perspektywie "
            "2021–2027?",
            ("zarzadzanie_strategiczne_mof",),
            "approved",
        ),
        (
            "Efektywność energetyczna budynków publicznych",
            "Jak wspólnie planować termomodernizację budynków publicznych kilku gmin i mierzyć jej efekty?",
            ("efektywnosc_energetyczna_oze", "zasady_horyzontalne"),
            "approved",
        ),
        (
            "Współpraca Legnicy i Głogowa w ramach jednego obszaru",
            "Jak budować wspólną tożsamość obszaru funkcjonalnego z dwoma ośrodkami miejskimi?",
            ("partycypacja_partnerstwo",),
            "approved",
        ),
    ],
    "ZIT Gniezno": [
        (
            "Usługi społeczne w gminach ZIT Gniezno",
            "Jak planować usługi społeczne ponadlokalnie, żeby mieszkańcy małych gmin mieli do nich równy "
            "dostęp?",
            ("uslugi_spoleczne", "deinstytucjonalizacja"),
            "approved",
        ),
        (
            "Zasada równości szans w naborach ZIT",
            "Jak sprawdzać wpływ przedsięwzięć na równość szans i niedyskryminację przy ich wyborze?",
            ("zasady_horyzontalne", "niepelnosprawnosc_dostepnosc"),
            "approved",
        ),
        (
            "Zarządzanie zespołem biura ZIT",
            "Jak zorganizować pracę małego zespołu biura ZIT, żeby obsłużyć nabory, monitoring i współpracę "
            "z gminami?",
            ("zarzadzanie_projektami",),
            "approved",
        ),
    ],
}


# --- helpers ----------------------------------------------------------------------------------------------


@contextmanager
def _quietly():
    """No e-mails and no audit lines on the console while the demo is built."""
    audit = logging.getLogger("zitnet.audit")
    level = audit.level
    audit.setLevel(logging.WARNING)
    try:
        with muted():
            yield
    finally:
        audit.setLevel(level)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=WARSAW)


def _person(person: Person, organisations: dict, *, role: str = MembershipRole.MEMBER) -> User:
    """A demo person without a usable login, member of their organisation (idempotent)."""
    user, _created = User.objects.get_or_create(
        email=person.email, defaults={"first_name": person.first_name, "last_name": person.last_name}
    )
    user.first_name, user.last_name, user.job_title = person.first_name, person.last_name, person.job_title
    user.set_unusable_password()
    user.save()
    Membership.objects.update_or_create(
        user=user,
        organisation=organisations[person.organisation],
        defaults={"role": role, "status": MembershipStatus.ACTIVE},
    )
    return User.objects.get(pk=user.pk)  # fresh: roles and memberships are cached on the instance


def _login(email: str) -> User:
    return User.objects.get(email=email)


def _remove(slug: str) -> None:
    """Delete a demo cycle and its audit entries, so re-seeding leaves no orphans."""
    cycle = Cycle.objects.filter(slug=slug).first()
    if cycle is None:
        return
    targets = [
        (Cycle, [cycle.pk]),
        (Challenge, list(cycle.challenges.values_list("pk", flat=True))),
        (ObserverApplication, list(cycle.applications.values_list("pk", flat=True))),
    ]
    for model, ids in targets:
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id__in=[str(pk) for pk in ids]
        ).delete()
    page = Report.objects.filter(cycle=cycle, page__isnull=False).values_list("page", flat=True).first()
    cycle.delete()
    if page is not None:  # the report published by `publish` below
        Page.objects.filter(pk=page).delete()


def _themes(codes) -> list[ThematicArea]:
    found = {t.code: t for t in ThematicArea.objects.filter(code__in=codes)}
    return [found[code] for code in codes if code in found]


# --- the seed's cycle -------------------------------------------------------------------------------------


def _forum(organisations: dict) -> Cycle:
    cycle = services.create_cycle(
        actor=None,
        title="Forum Oceny i Współpracy 2025–2026",
        slug=FORUM_SLUG,
        description=(
            "Forum Oceny i Współpracy sieci „Zarządzanie i realizacja zasad horyzontalnych w MOF”: pogłębiona "
            "wymiana doświadczeń i wzajemne wsparcie w rozwoju miejskich obszarów funkcjonalnych, inspirowane "
            "metodą „peer review” Europejskiej Inicjatywy Miejskiej. Lider i dwóch partnerów identyfikują po "
            "3 wyzwania z pomocą ekspertów; co najmniej 30 obserwatorów; spotkanie przygotowawcze online "
            "i spotkanie stacjonarne z rekomendacjami dla ocenianych MOF."
        ),
        challenges_per_host=3,
        observers_minimum=30,
        observers_maximum=36,
        observers_per_challenge_min=6,
        observers_per_challenge_max=10,
        challenges_per_observer=2,
        max_per_organisation=2,
    )
    services.set_phase_dates(
        actor=None,
        cycle=cycle,
        dates={
            CyclePhase.IDENTIFICATION: (date(2025, 10, 1), date(2026, 2, 27)),
            CyclePhase.RECRUITMENT: (date(2026, 3, 2), date(2026, 5, 29)),
            CyclePhase.ASSIGNMENT: (date(2026, 6, 1), date(2026, 9, 30)),
            CyclePhase.PREPARATION: (date(2026, 9, 14), date(2026, 10, 14)),
            CyclePhase.ONSITE: (date(2026, 10, 15), date(2026, 10, 16)),
            CyclePhase.REPORT_DRAFTING: (date(2026, 10, 19), date(2026, 12, 18)),
            CyclePhase.HOST_REVIEW: (date(2027, 1, 4), date(2027, 1, 29)),
            CyclePhase.FOLLOW_UP: (date(2027, 2, 15), date(2028, 2, 15)),
        },
    )
    expert, second_expert = _login("ekspert@zitnet.test"), _person(SECOND_EXPERT, organisations)
    RoleGrant.objects.get_or_create(user=second_expert, role=GlobalRole.EXPERT)
    coordinators = {
        "ZIT AKO": _login("redaktor@zitnet.test"),
        "ZIT AJ": _person(AJ_COORDINATOR, organisations, role=MembershipRole.EDITOR),
        "ZIT AW": _login("gospodarz@zitnet.test"),
    }
    hosts = {}
    for short, role in (
        ("ZIT AKO", HostRole.LEADER),
        ("ZIT AJ", HostRole.PARTNER),
        ("ZIT AW", HostRole.PARTNER),
    ):
        hosts[short] = services.add_host(
            actor=None,
            cycle=cycle,
            organisation=organisations[short],
            role=role,
            coordinator=coordinators[short],
            experts=[expert, second_expert],
        )
    services.transition(actor=None, cycle=cycle, to_phase=CyclePhase.IDENTIFICATION)
    challenges = _identify(cycle, hosts, coordinators, expert)
    services.transition(actor=None, cycle=cycle, to_phase=CyclePhase.RECRUITMENT)
    applications = _recruit(cycle, organisations, hosts, challenges)
    services.accept_by_priority(actor=None, cycle=cycle)
    services.transition(actor=None, cycle=cycle, to_phase=CyclePhase.ASSIGNMENT)
    _assign(cycle, applications, challenges)
    _meetings(cycle, organisations, challenges)
    services.transition(actor=None, cycle=cycle, to_phase=CyclePhase.PREPARATION)
    _attended(cycle, MeetingKind.PREPARATORY, absent=2)
    services.transition(actor=None, cycle=cycle, to_phase=CyclePhase.ONSITE)
    _attended(cycle, MeetingKind.ONSITE, absent=1)
    services.transition(actor=None, cycle=cycle, to_phase=CyclePhase.REPORT_DRAFTING)
    _findings(cycle, challenges, expert)
    reports.assemble(cycle=cycle, actor=None)
    return cycle


def _attended(cycle, kind: str, *, absent: int) -> None:
    """Everyone invited came except the last `absent` observers (in name order)."""
    meeting = cycle.meetings.get(kind=kind)
    rows = list(
        meeting.attendance.select_related("user").order_by("user__last_name", "user__first_name", "pk")
    )
    only_observing = {pk for pk, roles in participants(cycle).items() if roles == {"observer"}}
    observers = [row for row in rows if row.user_id in only_observing and row.user.email != OBSERVER_LOGIN]
    missing = {row.user_id for row in observers[len(observers) - absent :]} if absent else set()
    services.record_attendance(
        actor=None, meeting=meeting, present=[row.user_id for row in rows if row.user_id not in missing]
    )


def _findings(cycle, challenges: dict[str, Challenge], expert) -> None:
    """Findings of several observers per challenge (demo_findings), consolidated by the expert where
    CONSOLIDATED says so; obserwator@ keeps one draft of their own. Library practices are linked by slug."""
    cycle.refresh_from_db()
    practices = {page.slug: page.pk for page in PracticePage.objects.live().only("pk", "slug")}
    pairs = AssignedPair.objects.filter(run=cycle.published_run).select_related("application__user")
    assigned: dict[int, list] = {}
    for pair in pairs.order_by("application__user__last_name", "pk"):
        if pair.application.user.email != OBSERVER_LOGIN:
            assigned.setdefault(pair.challenge_id, []).append(pair.application.user)
    for key, rows in FINDINGS.items():
        challenge = challenges[key]
        observers = assigned.get(challenge.pk) or [expert]
        recommendation_findings = []
        for n, (kind, text, *terms) in enumerate(rows):
            values = {"kind": kind, "text": text}
            if kind == "practice":
                values = {"kind": kind, "text": _PRACTICE_NOTE}
                if text in practices:
                    values["practice_id"] = practices[text]
                else:
                    values["practice_title"] = text
            if kind == "recommendation":
                values.update(addressee=terms[0], time_frame=terms[1], priority=terms[2])
            finding = findings.save_finding(
                actor=observers[n % len(observers)], challenge=challenge, submit=True, **values
            )
            if kind == "recommendation":
                recommendation_findings.append(finding)
        for sources, text, addressee, time_frame, priority in CONSOLIDATED.get(key, []):
            findings.create_recommendation(
                actor=expert, challenge=challenge, text=text, addressee=addressee, time_frame=time_frame,
                priority=priority, source_ids=[recommendation_findings[i].pk for i in sources],
            )  # fmt: skip
    own = pairs.filter(application__user__email=OBSERVER_LOGIN).order_by("challenge__number").first()
    if own is not None:
        findings.save_finding(
            actor=own.application.user,
            challenge=own.challenge,
            kind="strength",
            text="Szkic: warto opisać, jak biuro ZIT przygotowało gminy do warsztatów (do uzupełnienia).",
        )


_PRACTICE_NOTE = "Praktyka omówiona podczas sesji jako możliwa do przeniesienia do ocenianego obszaru."


def _identify(cycle, hosts, coordinators, expert) -> dict[str, Challenge]:
    """Each host writes its challenges and submits them; the experts return one with comments, the host
    revises it, and all nine are approved."""
    challenges = {}
    for text in CHALLENGES:
        host, author = hosts[text.host], coordinators[text.host]
        challenge = services.save_challenge(
            actor=author,
            host=host,
            title=text.title,
            guiding_question=text.question,
            context=text.context,
            strategy_links=text.links,
            themes=_themes(text.themes),
        )
        services.submit_challenge(actor=author, challenge=challenge, note="Prosimy o uwagi przed akceptacją.")
        challenges[text.key] = challenge
    returned = challenges[RETURNED]
    author = coordinators["ZIT AJ"]
    services.return_challenge(actor=expert, challenge=returned, comment=RETURN_COMMENT)
    services.comment_on_challenge(
        actor=author,
        challenge=returned,
        body="Dziękujemy. Uzupełnimy dane o strategiach gmin i zawęzimy pytanie do celów i wskaźników.",
    )
    text = next(t for t in CHALLENGES if t.key == RETURNED)
    returned = services.save_challenge(
        actor=author,
        host=hosts["ZIT AJ"],
        challenge=returned,
        title=text.title,
        guiding_question=REVISED_QUESTION,
        context=text.context + REVISED_CONTEXT_ADDITION,
        strategy_links=text.links,
        themes=_themes(text.themes),
        expected_version=1,
    )
    services.submit_challenge(
        actor=author, challenge=returned, expected_version=2, note="Poprawiona wersja po uwagach eksperta."
    )
    challenges[RETURNED] = returned
    for key, challenge in challenges.items():
        services.approve_challenge(
            actor=expert,
            challenge=challenge,
            comment="Dziękuję za poprawki – teraz pytanie jest konkretne." if key == RETURNED else "",
        )
    return challenges


def _recruit(cycle, organisations, hosts, challenges) -> list[ObserverApplication]:
    applications = []
    for applicant in APPLICANTS:
        if applicant.person is None:
            user = _login(OBSERVER_LOGIN)
        else:
            user = _person(applicant.person, organisations)
        declared = []
        if applicant.declared:
            host_short, reason = applicant.declared
            declared.append((hosts[host_short], reason))
        applications.append(
            services.apply_as_observer(
                user=user,
                cycle=cycle,
                organisation=organisations[applicant.organisation],
                motivation=applicant.motivation,
                availability=applicant.availability,
                preferences=[challenges[key].pk for key in applicant.preferences],
                expertise=list(applicant.tags),
                expertise_areas=_themes(applicant.areas),
                declared_conflicts=declared,
            )
        )
    return applications


def _solved(cycle) -> AssignmentRun:
    run = services.run_assignment(actor=None, cycle=cycle)
    if run.status != RunStatus.SOLVED:
        reasons = " ".join(reason_text(r) for r in run.reasons)
        raise DemoSeedError(f"The demo assignment of “{cycle}” is infeasible: {reasons}")
    return run


def _assign(cycle, applications, challenges) -> None:
    """A first run, a coordinator's prohibition (an observer cannot attend one session), a second run that
    shows its difference to the first; the second is published."""
    first = _solved(cycle)
    pair = first.pairs.select_related("application", "challenge").get(
        application__user__email=FORBIDDEN_FOR,
        challenge__number=first.pairs.filter(application__user__email=FORBIDDEN_FOR)
        .order_by("challenge__number")
        .values_list("challenge__number", flat=True)
        .first(),
    )
    services.set_pair_rule(
        actor=None,
        cycle=cycle,
        application=pair.application,
        challenge=pair.challenge,
        kind=PairRuleKind.FORBID,
        reason="Sesja tego wyzwania koliduje z sesją rady gminy, w której zastępca burmistrza musi być obecny.",
    )
    second = _solved(cycle)
    services.publish_run(actor=None, run=second)


def _meetings(cycle, organisations, challenges) -> None:
    services.save_meeting(
        actor=None,
        cycle=cycle,
        kind=MeetingKind.PREPARATORY,
        title="Spotkanie przygotowawcze Forum Oceny i Współpracy (online)",
        starts_at=_at(date(2026, 10, 1), 10),
        ends_at=_at(date(2026, 10, 1), 12, 30),
        online_url="https://spotkania.zitnet.test/forum-2026",
        description=(
            "Gospodarze przedstawiają swoje wyzwania i pytania przewodnie, eksperci omawiają metodę oceny, "
            "a obserwatorzy poznają materiały wyzwań, do których zostali przydzieleni."
        ),
    )
    day1, day2 = date(2026, 10, 15), date(2026, 10, 16)
    onsite = services.save_meeting(
        actor=None,
        cycle=cycle,
        kind=MeetingKind.ONSITE,
        title="Spotkanie stacjonarne Forum Oceny i Współpracy w Kaliszu",
        starts_at=_at(day1, 9),
        ends_at=_at(day2, 15),
        venue=organisations["ZIT AKO"],
        address="Kalisz",
        description=(
            "Dwa dni wymiany dobrych praktyk: sesje robocze nad dziewięcioma wyzwaniami, rekomendacje dla "
            "ocenianych MOF i wizyta studyjna."
        ),
    )
    ordered = [challenges[text.key] for text in CHALLENGES]
    items = [
        (
            AgendaItemKind.PLENARY,
            _at(day1, 9),
            _at(day1, 10),
            "Otwarcie i metoda pracy Forum",
            None,
            "Sala sesyjna",
        ),
    ]
    # Three rounds of three parallel sessions; each round has one challenge of each host.
    for round_, start in enumerate(((10, 15), (12, 15), (14, 30))):
        begins = _at(day1, *start)
        for room, challenge in enumerate(ordered[round_::3], 1):
            ends = begins + timedelta(hours=1, minutes=45)
            items.append((AgendaItemKind.SESSION, begins, ends, challenge.title, challenge, f"Sala {room}"))
    items += [
        (AgendaItemKind.BREAK, _at(day1, 12), _at(day1, 12, 15), "Przerwa kawowa", None, ""),
        (AgendaItemKind.BREAK, _at(day1, 14), _at(day1, 14, 30), "Obiad", None, ""),
        (
            AgendaItemKind.STUDY_VISIT,
            _at(day2, 9),
            _at(day2, 12),
            "Wizyta studyjna: przedsięwzięcia ZIT w Kaliszu i Ostrowie Wielkopolskim",
            None,
            "Kalisz i Ostrów Wielkopolski",
        ),
        (
            AgendaItemKind.PLENARY,
            _at(day2, 12, 30),
            _at(day2, 15),
            "Rekomendacje dla ocenianych MOF",
            None,
            "Sala sesyjna",
        ),
    ]
    for kind, starts_at, ends_at, title, challenge, place in items:
        services.add_agenda_item(
            actor=None,
            meeting=onsite,
            kind=kind,
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            challenge=challenge,
            place=place,
        )
    for meeting in cycle.meetings.all():
        services.send_invitations(actor=None, meeting=meeting)


# --- the cycle the demo users walk ------------------------------------------------------------------------


def _next_cycle(organisations: dict) -> Cycle:
    cycle = services.create_cycle(
        actor=None,
        title="Forum Oceny i Współpracy 2027 – nabór wyzwań",
        slug=NEXT_SLUG,
        description=(
            "Druga edycja Forum: Aglomeracja Wałbrzyska jako lider i dwa nowe związki ZIT jako partnerzy "
            "identyfikują wyzwania z pomocą ekspertów."
        ),
        challenges_per_host=3,
        observers_minimum=30,
        observers_maximum=40,
        observers_per_challenge_min=6,
        observers_per_challenge_max=10,
        challenges_per_observer=2,
        max_per_organisation=2,
    )
    services.set_phase_dates(
        actor=None,
        cycle=cycle,
        dates={
            CyclePhase.IDENTIFICATION: (date(2026, 11, 2), date(2027, 1, 29)),
            CyclePhase.RECRUITMENT: (date(2027, 2, 1), date(2027, 3, 31)),
            CyclePhase.ASSIGNMENT: (date(2027, 4, 1), date(2027, 4, 30)),
        },
    )
    expert, second_expert = _login("ekspert@zitnet.test"), _person(SECOND_EXPERT, organisations)
    coordinators = {"ZIT AW": _login("gospodarz@zitnet.test")}
    for short, person in NEXT_COORDINATORS.items():
        coordinators[short] = _person(person, organisations, role=MembershipRole.EDITOR)
    hosts = {
        "ZIT AW": services.add_host(
            actor=None,
            cycle=cycle,
            organisation=organisations["ZIT AW"],
            role=HostRole.LEADER,
            coordinator=coordinators["ZIT AW"],
            experts=[expert],
        )
    }
    for short in NEXT_COORDINATORS:
        hosts[short] = services.add_host(
            actor=None,
            cycle=cycle,
            organisation=organisations[short],
            role=HostRole.PARTNER,
            coordinator=coordinators[short],
            experts=[second_expert],
        )
    services.transition(actor=None, cycle=cycle, to_phase=CyclePhase.IDENTIFICATION)
    for short, rows in NEXT_CHALLENGES.items():
        author = coordinators[short]
        reviewer = expert if short == "ZIT AW" else second_expert
        for title, question, themes, state in rows:
            challenge = services.save_challenge(
                actor=author,
                host=hosts[short],
                title=title,
                guiding_question=question,
                themes=_themes(themes),
            )
            if state in {"submitted", "approved"}:
                services.submit_challenge(actor=author, challenge=challenge)
            if state == "approved":
                services.approve_challenge(actor=reviewer, challenge=challenge)
    return cycle


def seed(out, organisations: dict) -> None:
    """Create or rebuild both demo cycles (idempotent: matched by slug, rebuilt through the services)."""
    with _quietly():
        _remove(FORUM_SLUG)
        _remove(NEXT_SLUG)
        forum = _forum(organisations)
        next_cycle = _next_cycle(organisations)
    forum.refresh_from_db()
    accepted = forum.applications.filter(status=ApplicationStatus.ACCEPTED).count()
    run = forum.published_run
    out.write(
        f"  peer review: “{forum.title}” ({forum.get_phase_display()}), {forum.challenges.count()} challenges, "
        f"{forum.applications.count()} applications, {accepted} accepted, assignment run #{run.number} "
        f"published (score {run.score}); “{next_cycle.title}” ({next_cycle.get_phase_display()})"
    )


# --- optional: the seed cycle carried through to publication (seed_demo --forum-published) ----------------

PARTNERSHIP_RECOMMENDATION = (
    "Udostępniać partnerom społeczno-gospodarczym dokumenty co najmniej 14 dni przed posiedzeniem komitetu ZIT i "
    "powołać z organizacjami pozarządowymi stałą grupę roboczą do spraw usług społecznych."
)


def publish(out) -> None:
    """Carry the seed cycle from report drafting to a published report with the first answers of ZIT AW:
    what the demo users otherwise do in the browser."""
    cycle = Cycle.objects.get(slug=FORUM_SLUG)
    if cycle.phase != CyclePhase.REPORT_DRAFTING:
        out.write(f"  peer review: “{cycle}” is already past report drafting; left as it is")
        return
    expert = User.objects.get(email="ekspert@zitnet.test")
    coordinator = User.objects.filter(role_grants__role=GlobalRole.NETWORK_COORDINATOR).order_by("pk").first()
    with _quietly():
        partnership = cycle.challenges.filter(recommendations__isnull=True).get()
        sources = partnership.findings.filter(kind="recommendation", state="submitted").order_by("pk")
        findings.create_recommendation(
            actor=expert, challenge=partnership, text=PARTNERSHIP_RECOMMENDATION,
            addressee="Zarząd Stowarzyszenia i sekretariat komitetu ZIT", time_frame="od 2027", priority="medium",
            source_ids=list(sources.values_list("pk", flat=True)),
        )  # fmt: skip
        reports.assemble(cycle=cycle, actor=expert)
        services.transition(actor=coordinator, cycle=cycle, to_phase=CyclePhase.HOST_REVIEW)
        for host in cycle.hosts.select_related("coordinator"):
            reports.decide_host_review(host=host, actor=host.coordinator, approve=True)
        services.transition(actor=coordinator, cycle=cycle, to_phase=CyclePhase.PUBLISHED)
        host = cycle.hosts.get(organisation__short_name="ZIT AW")
        answers = [
            (ResponseStatus.PARTLY, PARTLY_REASON),
            (ResponseStatus.ACCEPTED, ""),
        ]  # DNSH, new municipalities
        recommendations = Recommendation.objects.filter(challenge__host=host).order_by(
            "challenge__number", "position"
        )
        for recommendation, (status, reason) in zip(recommendations, answers, strict=False):
            followup.respond(
                actor=host.coordinator, recommendation=recommendation, status=status, reason=reason
            )
    cycle.refresh_from_db()
    out.write(f"  peer review: “{cycle}” published as “{cycle.report.page.title}”")


PARTLY_REASON = (
    "Szkolenia z DNSH zorganizujemy w 2027 r., ale listę dowodów przygotuje instytucja zarządzająca dla całego "
    "województwa, nie związek."
)
