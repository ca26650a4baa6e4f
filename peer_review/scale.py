"""A big review cycle for benchmarks: `seed_demo --forum-report-scale` (the issue's figures).

The cycle "forum-oceny-skala" is in report drafting with 3 hosts × 3 approved challenges, 60 accepted
observers assigned by a published run (4–8 per challenge), its two meetings with attendance, 300 submitted
findings of every kind in varied Polish, ~30 consolidated recommendations with their source findings, and its
report: assembled by `peer_review.report.assemble` when that exists, otherwise written as sections here.
Rows are written directly (this is synthetic data, not a walk through the phases). Idempotent: an existing
cycle with this slug is left as it is.
"""

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from zitnet.directory.enums import OrganisationKind, Voivodeship

from .enums import (
    ApplicationStatus,
    AttendanceStatus,
    ChallengeState,
    CyclePhase,
    FindingKind,
    FindingState,
    HostRole,
    MeetingKind,
    RunStatus,
    SectionKind,
)
from .models import (
    AssignedPair,
    AssignmentRun,
    Attendance,
    Challenge,
    Cycle,
    Finding,
    Host,
    Meeting,
    ObserverApplication,
    PhaseDate,
    Recommendation,
    Report,
    ReportSection,
)

SLUG = "forum-oceny-skala"
TITLE = "Forum Oceny i Współpracy – cykl w skali (dane do pomiarów)"
OBSERVERS = 60
FINDINGS = 300
RECOMMENDATIONS = 30
COORDINATOR_EMAIL = "koordynator@zitnet.test"
WARSAW = ZoneInfo("Europe/Warsaw")

HOSTS = [
    ("Związek ZIT Aglomeracji Nadwarciańskiej", "ZIT AN", Voivodeship.WIELKOPOLSKIE, HostRole.LEADER),
    ("Stowarzyszenie MOF Doliny Bugu", "MOF DB", Voivodeship.LUBELSKIE, HostRole.PARTNER),
    ("Porozumienie ZIT Pogórza Karpackiego", "ZIT PK", Voivodeship.PODKARPACKIE, HostRole.PARTNER),
]
CHALLENGES = [
    (
        "Wspólne planowanie usług społecznych",
        "Jak gminy MOF mogą wspólnie planować usługi społeczne, tak by mieszkańcy mniejszych gmin mieli do nich "
        "równy dostęp?",
    ),
    (
        "Monitorowanie strategii ZIT",
        "Jak zbudować system monitorowania strategii ZIT, z którego zarząd związku naprawdę korzysta przy "
        "podejmowaniu decyzji?",
    ),
    (
        "Partycypacja mieszkańców w projektach ZIT",
        "Jak włączyć mieszkańców i organizacje pozarządowe w wybór i realizację projektów ZIT?",
    ),
    (
        "Deinstytucjonalizacja opieki nad seniorami",
        "Jak przejść od opieki instytucjonalnej do usług świadczonych w społeczności lokalnej dla seniorów "
        "z całego MOF?",
    ),
    (
        "Transport publiczny łączący gminy",
        "Jak zorganizować transport publiczny, który połączy gminy wiejskie z miastem rdzeniowym?",
    ),
    (
        "Dostępność przestrzeni publicznej",
        "Jak zapewnić, by inwestycje ZIT spełniały standardy dostępności dla osób z niepełnosprawnościami?",
    ),
    (
        "Kadry i kompetencje w związku ZIT",
        "Jak utrzymać i rozwijać kompetencje zespołu biura związku ZIT przy ograniczonym budżecie?",
    ),
    (
        "Rewitalizacja centrów małych miast",
        "Jak połączyć rewitalizację centrów małych miast z ofertą usług społecznych i kulturalnych?",
    ),
    (
        "Współpraca z powiatami i PUP",
        "Jak ułożyć współpracę związku ZIT z powiatami i urzędami pracy w aktywizacji osób długotrwale "
        "bezrobotnych?",
    ),
]
# Observers' organisations: kinds and how such an organisation is called ("{}" is a place).
OBSERVER_KINDS = [
    (OrganisationKind.MUNICIPALITY_URBAN, "Gmina Miejska {}"),
    (OrganisationKind.MUNICIPALITY_RURAL, "Gmina Wiejska {}"),
    (OrganisationKind.MUNICIPALITY_URBAN_RURAL, "Gmina i Miasto {}"),
    (OrganisationKind.CITY_WITH_COUNTY_RIGHTS, "Miasto {} na prawach powiatu"),
    (OrganisationKind.COUNTY, "Powiat {}"),
    (OrganisationKind.OPS, "Miejski Ośrodek Pomocy Społecznej – {}"),
    (OrganisationKind.CUS, "Centrum Usług Społecznych – {}"),
    (OrganisationKind.NGO, "Fundacja „Razem” – {}"),
    (OrganisationKind.ZIT_ASSOCIATION, "Stowarzyszenie MOF {}"),
    (OrganisationKind.ROPS, "Regionalny Ośrodek Polityki Społecznej – oddział {}"),
]
OBSERVER_VOIVODESHIPS = [
    Voivodeship.DOLNOSLASKIE,
    Voivodeship.KUJAWSKO_POMORSKIE,
    Voivodeship.LODZKIE,
    Voivodeship.MALOPOLSKIE,
    Voivodeship.MAZOWIECKIE,
    Voivodeship.POMORSKIE,
    Voivodeship.SLASKIE,
    Voivodeship.SWIETOKRZYSKIE,
    Voivodeship.WARMINSKO_MAZURSKIE,
    Voivodeship.ZACHODNIOPOMORSKIE,
]
PLACES = [
    "Kalisz", "Ostrów", "Chełm", "Krosno", "Sanok", "Gniezno", "Konin", "Zamość", "Przemyśl", "Leszno",
    "Piła", "Biała", "Jasło", "Łuków", "Turek", "Koło", "Dębica", "Mielec", "Włodawa", "Jarocin",
]  # fmt: skip
FIRST_NAMES = [
    "Anna", "Piotr", "Katarzyna", "Tomasz", "Magdalena", "Paweł", "Agnieszka", "Marcin", "Joanna", "Michał",
    "Ewa", "Krzysztof", "Monika", "Łukasz", "Aleksandra", "Grzegorz", "Barbara", "Jakub", "Dorota", "Wojciech",
]  # fmt: skip
LAST_NAMES = [
    "Nowak", "Kowalczyk", "Wiśniewska", "Wójcik", "Kamińska", "Lewandowski", "Zielińska", "Szymański",
    "Woźniak", "Dąbrowska", "Kozłowski", "Jankowska", "Mazur", "Krawczyk", "Piotrowska", "Grabowski",
]  # fmt: skip

# Sentences are put together from these parts, so that no two findings read the same.
SUBJECTS = [
    "Biuro związku ZIT",
    "Zespół ds. strategii",
    "Gminy wiejskie w MOF",
    "Miasto rdzeniowe",
    "Ośrodki pomocy społecznej",
    "Centrum usług społecznych",
    "Rada gmin związku",
    "Partnerzy społeczni",
    "Starostwo powiatowe",
    "Lokalne organizacje pozarządowe",
]
STRENGTHS = [
    "regularnie spotyka się z przedstawicielami wszystkich gmin i dokumentuje ustalenia",
    "korzysta z jednolitego zestawu wskaźników uzgodnionego na poziomie MOF",
    "ma jasny podział ról między liderem a partnerami",
    "dzieli się danymi o usługach w formie otwartej mapy",
    "prowadzi konsultacje także w formie spacerów badawczych z mieszkańcami",
    "włącza organizacje pozarządowe już na etapie diagnozy",
    "ma stabilny zespół z doświadczeniem z poprzedniej perspektywy",
    "planuje inwestycje w powiązaniu z ofertą usług społecznych",
]
PROBLEMS = [
    "nie ma jednego miejsca, w którym zbierane są dane o realizacji projektów",
    "opiera współpracę na nieformalnych kontaktach kilku osób",
    "nie uwzględnia w harmonogramie czasu na konsultacje z mieszkańcami",
    "ma trudność z utrzymaniem pracowników po zakończeniu projektów",
    "nie porównuje kosztów usług między gminami",
    "nie monitoruje dostępności zrealizowanych inwestycji po ich odbiorze",
    "przygotowuje raporty, których nikt nie omawia na posiedzeniach zarządu",
    "nie ma procedury przekazywania usług po zakończeniu finansowania z UE",
]
CONTEXTS = [
    "W rozmowach z gminami partnerskimi",
    "Podczas wizyty studyjnej",
    "W trakcie sesji warsztatowej",
    "Z analizy dokumentów strategicznych",
    "W rozmowie z mieszkańcami",
    "Na spotkaniu z radą gmin",
]
OBSERVATIONS = [
    "obserwatorzy zwrócili uwagę, że",
    "uczestnicy podkreślali, że",
    "wielokrotnie padało stwierdzenie, że",
    "zauważyliśmy, że",
]
PRACTICES = [
    "Wspólny punkt informacji o usługach społecznych MOF",
    "Międzygminny zespół ds. deinstytucjonalizacji",
    "Panel obywatelski w sprawie transportu",
    "Karta usług dla seniora",
    "Coroczny przegląd strategii z udziałem rady gmin",
    "Bank dobrych praktyk dostępności",
    "Wspólne zamówienia gmin na usługi opiekuńcze",
    "Mentoring dla nowych pracowników biura ZIT",
]
ACTIONS = [
    "Powołać międzygminny zespół roboczy",
    "Opracować wspólny zestaw wskaźników",
    "Wprowadzić coroczny przegląd realizacji strategii",
    "Przygotować plan przekazania usług po zakończeniu projektu",
    "Uruchomić cyfrową mapę usług społecznych",
    "Zorganizować cykl konsultacji z mieszkańcami",
    "Przeprowadzić audyt dostępności inwestycji",
    "Przygotować program rozwoju kompetencji zespołu",
    "Zawrzeć porozumienie o współpracy z powiatem",
    "Wyznaczyć osobę odpowiedzialną za koordynację",
]
PROPOSALS = ["Warto", "Należy", "Proponujemy", "Obserwatorzy proponują", "Rekomendujemy"]
PURPOSES = [
    "aby usługi były planowane dla całego obszaru funkcjonalnego",
    "tak by decyzje zarządu opierały się na aktualnych danych",
    "aby mieszkańcy mniejszych gmin mieli równy dostęp do wsparcia",
    "tak by współpraca nie zależała od pojedynczych osób",
    "aby wykorzystać doświadczenia innych związków ZIT",
    "tak by inwestycje były dostępne dla wszystkich użytkowników",
]
ADDRESSEES = [
    "Zarząd związku ZIT",
    "Biuro związku ZIT",
    "Rada gmin MOF",
    "Ośrodki pomocy społecznej gmin MOF",
    "Starostwo powiatowe i PUP",
    "Lider partnerstwa",
]
TIME_FRAMES = ["do końca 2027 r.", "w ciągu 6 miesięcy", "w ciągu roku", "do połowy 2028 r.", "na bieżąco"]
PRIORITIES = ["high", "medium", "medium", "low"]
KINDS = (
    [FindingKind.STRENGTH] * 30
    + [FindingKind.PROBLEM] * 30
    + [FindingKind.PRACTICE] * 15
    + [FindingKind.RECOMMENDATION] * 25
)


def _finding_text(rng: random.Random, kind: str, challenge_title: str) -> str:
    if kind == FindingKind.STRENGTH:
        body = f"{rng.choice(SUBJECTS)} {rng.choice(STRENGTHS)}."
    elif kind == FindingKind.PROBLEM:
        body = f"{rng.choice(SUBJECTS)} {rng.choice(PROBLEMS)}."
    elif kind == FindingKind.PRACTICE:
        body = (
            f"{rng.choice(SUBJECTS)} {rng.choice(STRENGTHS)} – warto przenieść to rozwiązanie do innych MOF."
        )
    else:
        action = rng.choice(ACTIONS)
        return f"{rng.choice(PROPOSALS)} {action[0].lower()}{action[1:]}, {rng.choice(PURPOSES)}."
    opening = f"{rng.choice(CONTEXTS)} {rng.choice(OBSERVATIONS)}"
    closing = rng.choice(
        [
            "",
            f" Dotyczy to wyzwania „{challenge_title}”.",
            f" Przykładem jest sytuacja w gminie {rng.choice(PLACES)}.",
            " Potwierdzają to dane z ostatniego sprawozdania.",
        ]
    )
    return f"{opening} {body[0].lower()}{body[1:]}{closing}"


def _user(email: str, first: str, last: str):
    from zitnet.accounts.models import User

    user, created = User.objects.get_or_create(email=email, defaults={"first_name": first, "last_name": last})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _organisation(slug: str, **fields):
    from zitnet.directory.models import Organisation

    return Organisation.objects.get_or_create(slug=slug, defaults=fields)[0]


def seed_forum_report_scale(out, *, seed: int = 2026) -> Cycle:
    """Create the benchmark cycle and its report (idempotent: an existing one is kept)."""
    existing = Cycle.objects.filter(slug=SLUG).first()
    if existing is not None:
        out.write(f"  forum report scale: “{existing.title}” already there")
        return existing
    rng = random.Random(seed)  # noqa: S311 - reproducible synthetic data, not secrets
    with transaction.atomic():
        cycle, challenges = _cycle_with_hosts(rng)
        observers = _observers(rng, cycle, challenges)
        _meetings(rng, cycle, observers)
        findings = _findings(rng, challenges, observers)
        recommendations = _recommendations(rng, challenges, findings)
    report = _report(cycle)
    out.write(
        f"  forum report scale: “{cycle.title}”: {len(challenges)} challenges, {len(observers)} observers, "
        f"{sum(len(f) for f in findings.values())} findings, {len(recommendations)} recommendations, "
        f"report with {report.sections.count()} sections"
    )
    return cycle


def _cycle_with_hosts(rng: random.Random) -> tuple[Cycle, list[Challenge]]:
    from zitnet.accounts.models import User

    cycle = Cycle.objects.create(
        title=TITLE,
        slug=SLUG,
        description=(
            "Cykl wygenerowany do pomiarów wydajności: trzech gospodarzy, dziewięć wyzwań, sześćdziesięciu "
            "obserwatorów i trzysta ustaleń."
        ),
        phase=CyclePhase.REPORT_DRAFTING,
        phase_changed_at=timezone.now(),
        challenges_per_host=3,
        observers_minimum=30,
        observers_maximum=OBSERVERS,
        observers_per_challenge_min=4,
        observers_per_challenge_max=8,
        challenges_per_observer=1,
        max_per_organisation=2,
        created_by=User.objects.filter(email=COORDINATOR_EMAIL).first(),
    )
    start = date(2026, 1, 12)
    PhaseDate.objects.bulk_create(
        PhaseDate(
            cycle=cycle,
            phase=phase,
            starts_on=start + timedelta(days=30 * n),
            ends_on=start + timedelta(days=30 * n + 27),
        )
        for n, phase in enumerate(CyclePhase.order()[1:7])
    )
    challenges = []
    for h, (name, short, voivodeship, role) in enumerate(HOSTS):
        organisation = _organisation(
            f"skala-forum-gospodarz-{h + 1}",
            name=name,
            short_name=short,
            kind=OrganisationKind.ZIT_ASSOCIATION,
            voivodeship=voivodeship,
        )
        first, last = FIRST_NAMES[h], LAST_NAMES[h]
        host = Host.objects.create(
            cycle=cycle,
            organisation=organisation,
            role=role,
            coordinator=_user(f"skala-gospodarz-{h + 1}@zitnet.test", first, last),
            position=h,
        )
        host.experts.add(_user(f"skala-ekspert-{h + 1}@zitnet.test", FIRST_NAMES[h + 10], LAST_NAMES[h + 8]))
        for c in range(3):
            number = h * 3 + c + 1
            title, question = CHALLENGES[number - 1]
            challenges.append(
                Challenge(
                    cycle=cycle,
                    host=host,
                    number=number,
                    title=title,
                    guiding_question=question,
                    context=(
                        f"{name} obejmuje {rng.randint(8, 40)} gmin zamieszkanych przez około "
                        f"{rng.randint(120, 900)} tys. osób. Wyzwanie dotyczy obszaru, w którym gminy dotąd "
                        "działały osobno, a strategia ZIT zakłada wspólne działania."
                    ),
                    state=ChallengeState.APPROVED,
                    approved_at=timezone.now(),
                )
            )
    return cycle, Challenge.objects.bulk_create(challenges)


def _observers(rng: random.Random, cycle: Cycle, challenges: list[Challenge]) -> dict[int, list[int]]:
    """Challenge id → its observers' user ids: 60 accepted observers, one challenge each (6 or 7 apiece)."""
    organisations = [
        _organisation(
            f"skala-forum-obserwator-{n + 1}",
            name=pattern.format(PLACES[n % len(PLACES)]),
            kind=kind,
            voivodeship=OBSERVER_VOIVODESHIPS[n % len(OBSERVER_VOIVODESHIPS)],
        )
        # The kind shifts with each round of places, so no two organisations share a name.
        for n, (kind, pattern) in (
            (n, OBSERVER_KINDS[(n + n // len(PLACES)) % len(OBSERVER_KINDS)]) for n in range(OBSERVERS // 2)
        )
    ]
    applications = ObserverApplication.objects.bulk_create(
        ObserverApplication(
            cycle=cycle,
            user=_user(
                f"skala-obserwator-{n + 1:02d}@zitnet.test",
                FIRST_NAMES[n % len(FIRST_NAMES)],
                LAST_NAMES[(n * 7) % len(LAST_NAMES)],
            ),
            organisation=organisations[n // 2],
            motivation="Chcę poznać, jak inne związki ZIT radzą sobie z podobnymi wyzwaniami.",
            status=ApplicationStatus.ACCEPTED,
            decided_at=timezone.now(),
        )
        for n in range(OBSERVERS)
    )
    run = AssignmentRun.objects.create(
        cycle=cycle, number=1, status=RunStatus.SOLVED, method="synthetic", proven_optimal=False
    )
    Cycle.objects.filter(pk=cycle.pk).update(published_run=run)
    cycle.published_run = run
    assigned: dict[int, list[int]] = {c.pk: [] for c in challenges}
    pairs = []
    for n, application in enumerate(applications):
        challenge = challenges[n % len(challenges)]
        assigned[challenge.pk].append(application.user_id)
        pairs.append(
            AssignedPair(
                run=run, application=application, challenge=challenge, rank=rng.randint(1, 3), points=10
            )
        )
    AssignedPair.objects.bulk_create(pairs)
    return assigned


def _meetings(rng: random.Random, cycle: Cycle, observers: dict[int, list[int]]) -> None:
    people = [user_id for users in observers.values() for user_id in users]
    for kind, title, day, address in (
        (MeetingKind.PREPARATORY, "Spotkanie przygotowawcze (online)", date(2026, 5, 12), ""),
        (MeetingKind.ONSITE, "Spotkanie stacjonarne w Kaliszu", date(2026, 6, 16), "ul. Główna 1, Kalisz"),
    ):
        starts = datetime(day.year, day.month, day.day, 10, 0, tzinfo=WARSAW)
        meeting = Meeting.objects.create(
            cycle=cycle,
            kind=kind,
            title=title,
            starts_at=starts,
            ends_at=starts + timedelta(hours=6 if kind == MeetingKind.PREPARATORY else 30),
            address=address,
            online_url="https://spotkanie.example.org/skala" if kind == MeetingKind.PREPARATORY else "",
            invitations_sent_at=starts - timedelta(days=14),
        )
        Attendance.objects.bulk_create(
            Attendance(
                meeting=meeting,
                user_id=user_id,
                role="obserwator",
                status=AttendanceStatus.ATTENDED if rng.random() < 0.9 else AttendanceStatus.ABSENT,
                recorded_at=meeting.ends_at,
            )
            for user_id in people
        )


def _findings(
    rng: random.Random, challenges: list[Challenge], observers: dict[int, list[int]]
) -> dict[int, list[Finding]]:
    """Challenge id → its 33 or 34 submitted findings, written by its observers and its host's expert."""
    through = Host.experts.through.objects.filter(host__cycle_id=challenges[0].cycle_id)
    experts = dict(through.values_list("host_id", "user_id"))
    now = timezone.now()
    findings = []
    for n in range(FINDINGS):
        challenge = challenges[n % len(challenges)]
        kind = KINDS[rng.randrange(len(KINDS))]
        authors = observers[challenge.pk] + [experts.get(challenge.host_id)]
        finding = Finding(
            challenge=challenge,
            author_id=rng.choice([a for a in authors if a]),
            kind=kind,
            text=_finding_text(rng, kind, challenge.title),
            state=FindingState.SUBMITTED,
            submitted_at=now - timedelta(minutes=FINDINGS - n),
        )
        if kind == FindingKind.PRACTICE:
            finding.practice_title = rng.choice(PRACTICES)
        if kind == FindingKind.RECOMMENDATION:
            finding.addressee = rng.choice(ADDRESSEES)
            finding.time_frame = rng.choice(TIME_FRAMES)
            finding.priority = rng.choice(PRIORITIES)
        findings.append(finding)
    by_challenge: dict[int, list[Finding]] = {c.pk: [] for c in challenges}
    for finding in Finding.objects.bulk_create(findings):
        by_challenge[finding.challenge_id].append(finding)
    return by_challenge


def _recommendations(
    rng: random.Random, challenges: list[Challenge], findings: dict[int, list[Finding]]
) -> list[Recommendation]:
    """About 30 consolidated recommendations (3 or 4 a challenge), each from 2–3 recommendation findings."""
    made = []
    sources = []
    for n in range(RECOMMENDATIONS):
        challenge = challenges[n % len(challenges)]
        position = n // len(challenges)
        recommendation = Recommendation.objects.create(
            challenge=challenge,
            text=(
                f"{rng.choice(ACTIONS)} {rng.choice(['w ramach związku', 'we wszystkich gminach MOF', 'z udziałem partnerów społecznych'])}, "  # noqa: E501
                f"{rng.choice(PURPOSES)}."
            ),
            addressee=rng.choice(ADDRESSEES),
            time_frame=rng.choice(TIME_FRAMES),
            priority=rng.choice(PRIORITIES),
            position=position,
        )
        candidates = [f for f in findings[challenge.pk] if f.kind == FindingKind.RECOMMENDATION]
        for finding in rng.sample(candidates, min(len(candidates), rng.randint(2, 3))):
            sources.append(
                Recommendation.sources.through(recommendation_id=recommendation.pk, finding_id=finding.pk)
            )
        made.append(recommendation)
    Recommendation.sources.through.objects.bulk_create(sources)
    return made


def _report(cycle: Cycle) -> Report:
    """Assembled by the report's own assembly when it exists; otherwise sections written here."""
    from zitnet.accounts.models import User

    try:
        from .report import assemble
    except ImportError:
        assemble = None
    if assemble is not None:
        return assemble(cycle=cycle, actor=User.objects.filter(email=COORDINATOR_EMAIL).first())
    return _sections_without_assembly(cycle)


@transaction.atomic
def _sections_without_assembly(cycle: Cycle) -> Report:
    report = Report.objects.create(
        cycle=cycle, title=f"Raport z cyklu {cycle.title}", assembled_at=timezone.now()
    )
    sections = [
        (
            "introduction",
            SectionKind.INTRODUCTION,
            "Wprowadzenie",
            None,
            None,
            f"O cyklu: {cycle.description}",
        )
    ]
    for host in cycle.hosts.select_related("organisation").order_by("position"):
        sections.append(
            (f"host-{host.pk}", SectionKind.HOST, f"Gospodarz: {host.organisation.name}", host, None, "")
        )
        for challenge in host.challenges.order_by("number"):
            lines = [f"> {challenge.guiding_question}", "", "# Ustalenia", ""]
            lines += [f"- {f.text}" for f in challenge.findings.all()]
            sections.append(
                (
                    f"challenge-{challenge.pk}",
                    SectionKind.CHALLENGE,
                    f"Wyzwanie {challenge.number}: {challenge.title}",
                    None,
                    challenge,
                    "\n".join(lines),
                )
            )
    sections.append(
        ("participation", SectionKind.PARTICIPATION, "Uczestnictwo", None, None, "60 obserwatorów.")
    )
    ReportSection.objects.bulk_create(
        ReportSection(
            report=report,
            key=key,
            kind=kind,
            title=title,
            host=host,
            challenge=challenge,
            position=(n + 1) * 10,
            body=body,
            generated=body,
        )
        for n, (key, kind, title, host, challenge, body) in enumerate(sections)
    )
    return report
