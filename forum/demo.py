"""Demo discussion spaces and threads from the seeds (000–004), in Polish, written by the demo people.

Seed 000 (MOF4US: ZIT Kraków's inclusive-education pilot and "Młodzi aktywni" with youth councils, ZIT WrOF's
CAL/SCAL model in three variants with study visits) and seed 002 (the consultation of 2 October 2025, the pilot
from January to September 2026) give the topics; seed 001 (the strategic-management module: how to update a ZIT
strategy and tie it to the supra-local development strategy) gives the strategy space. The review cycle's own
private space (made by `forum.cycle_spaces`) gets one thread of its hosts.

Everything is written through `forum.services` and `forum.moderation` (mentions, a reply, reactions, one pinned
thread, one locked thread, one reported post), then dated back over the autumn as demo state. Idempotent: spaces
by slug; the demo threads are removed and written again on every run. No e-mail leaves while the demo is built:
the notifications stay in the site (the demo people's bells), their e-mails go to an in-memory outbox.
"""

import logging
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import override_settings
from wagtail.models import ModelLogEntry

from zitnet.accounts.models import User

from . import moderation, services
from .enums import Visibility
from .models import ModerationEntry, Notification, Post, Space, Thread

WARSAW = ZoneInfo("Europe/Warsaw")
CYCLE_SLUG = "forum-oceny-2025-2026"  # peer_review.demo.FORUM_SLUG


@dataclass(frozen=True)
class SpaceSpec:
    slug: str
    title: str
    description: str
    visibility: str
    moderators: tuple[str, ...] = ()
    position: int = 0


SPACES = [
    SpaceSpec(
        "edukacja-wlaczajaca",
        "Edukacja włączająca w MOF",
        "Wspólne rozwiązania gmin w miejskich obszarach funkcjonalnych: narzędzie współpracy ponadlokalnej "
        "Sieci MOF4US, pilotaż w wybranych gminach (styczeń–wrzesień 2026) i doświadczenia szkół, specjalistów "
        "i samorządów.",
        Visibility.PUBLIC,
        moderators=("moderator@zitnet.test",),
        position=10,
    ),
    SpaceSpec(
        "centra-aktywnosci-lokalnej",
        "Centra Aktywności Lokalnej (CAL i SCAL)",
        "Model funkcjonowania Centrów Aktywności Lokalnej w trzech wariantach – wiejskim, miejsko-wiejskim "
        "i miejskim – wizyty studyjne w doświadczonych CAL i tworzenie CAL na terenie własnego MOF.",
        Visibility.PUBLIC,
        moderators=("moderator@zitnet.test", "magdalena.koprowska@zitnet.test"),
        position=20,
    ),
    SpaceSpec(
        "mlodziezowe-rady",
        "Młodzieżowe rady i edukacja obywatelska",
        "Młodzi aktywni w MOF: jak młodzieżowe rady gmin mogą współpracować ponad granicami gmin i co z tego "
        "wynika dla polityk całego obszaru funkcjonalnego.",
        Visibility.MEMBERS,
        moderators=("moderator@zitnet.test",),
        position=30,
    ),
    SpaceSpec(
        "strategie-zit",
        "Strategie ZIT – aktualizacja i monitorowanie",
        "Opracowanie i aktualizacja strategii ZIT oraz strategii rozwoju ponadlokalnego, ich powiązanie "
        "ze strategią województwa, monitorowanie i ewaluacja. Wymiana doświadczeń biur ZIT.",
        Visibility.MEMBERS,
        moderators=("moderator@zitnet.test",),
        position=40,
    ),
]


@dataclass(frozen=True)
class PostSpec:
    author: str  # e-mail
    body: str
    days_ago: float
    reply_to: int | None = None  # index of an earlier post of the thread
    reactions: tuple[tuple[str, str], ...] = ()  # (e-mail, kind)
    report: tuple[str, str] | None = None  # (e-mail of the reporter, reason)


@dataclass(frozen=True)
class ThreadSpec:
    space: str
    title: str
    posts: list[PostSpec] = field(default_factory=list)
    pinned_by: str = ""
    locked_by: str = ""
    organisation: str = ""  # short name


def _threads(orgs: dict) -> list[ThreadSpec]:
    def org(short: str) -> str:
        organisation = orgs.get(short)
        return f"@[{short}](o:{organisation.slug})" if organisation is not None else short

    return [
        ThreadSpec(
            "edukacja-wlaczajaca",
            "Narzędzie współpracy ponadlokalnej – jakie potrzeby mają Państwa gminy?",
            organisation="ZIT Kraków",
            posts=[
                PostSpec(
                    "ekspert@zitnet.test",
                    "Dzień dobry,\n\nprzygotowujemy w ramach Sieci MOF4US narzędzie wspierające współpracę "
                    "ponadlokalną w zakresie **edukacji włączającej**. Po spotkaniu konsultacyjnym z 2 października "
                    "zbieramy jeszcze doświadczenia z gmin:\n\n"
                    "1. Co najbardziej utrudnia Państwu wdrażanie edukacji włączającej – organizacja, finanse, "
                    "kompetencje kadry czy bariery mentalne?\n"
                    "2. Z kim współpracujecie już dziś (poradnie, organizacje pozarządowe, sąsiednie gminy)?\n\n"
                    "Propozycje rozwiązań i rekomendacje dla gmin przedstawimy do końca listopada.",
                    days_ago=48,
                    reactions=(("czlonek@zitnet.test", "useful"), ("redaktor@zitnet.test", "thanks")),
                ),
                PostSpec(
                    "czlonek@zitnet.test",
                    "Z perspektywy regionalnej widzimy, że najtrudniejsza jest współpraca między szkołą "
                    "a ośrodkiem pomocy społecznej – każda instytucja ma swoje procedury i nikt nie koordynuje "
                    "wsparcia dla rodziny. Przydałby się prosty wzór porozumienia między gminami o wspólnym "
                    "zatrudnianiu specjalistów (np. pedagoga specjalnego na kilka małych szkół).",
                    days_ago=47,
                    reply_to=0,
                    reactions=(("ekspert@zitnet.test", "agree"), ("obserwator@zitnet.test", "agree")),
                ),
                PostSpec(
                    "obserwator@zitnet.test",
                    "Potwierdzam z doświadczenia gminy miejsko-wiejskiej. U nas dochodzi jeszcze transport "
                    "uczniów – bez porozumienia z powiatem trudno zorganizować zajęcia specjalistyczne po "
                    "lekcjach. @ekspert, czy pilotaż obejmie też gminy spoza rdzenia MOF?",
                    days_ago=45,
                    reply_to=1,
                ),
                PostSpec(
                    "ekspert@zitnet.test",
                    "Tak – narzędzie ma mieć charakter uniwersalny, tak by mogło z niego korzystać każda "
                    "zainteresowana gmina w MOF. Pilotaż w wybranych gminach zaplanowaliśmy na styczeń–wrzesień "
                    "2026 r., a wnioski z testów podsumujemy w raporcie do końca października 2026 r.",
                    days_ago=44,
                    reply_to=2,
                    reactions=(("obserwator@zitnet.test", "thanks"),),
                ),
            ],
        ),
        ThreadSpec(
            "centra-aktywnosci-lokalnej",
            "Wizyty studyjne w CAL – zasady udziału i pytania",
            pinned_by="koordynator@zitnet.test",
            organisation="ZIT WrOF",
            posts=[
                PostSpec(
                    "koordynator@zitnet.test",
                    f"Partner sieci MOF4US, {org('ZIT WrOF')}, organizuje **6 wizyt studyjnych** dla 120 "
                    "uczestników w doświadczonych Centrach Aktywności Lokalnej. Tematem jest aktywizacja "
                    "i integracja społeczności lokalnych.\n\n"
                    "- zgłoszenia przyjmujemy przez kalendarz wydarzeń ZITnet,\n"
                    "- pierwszeństwo mają osoby, które planują utworzenie CAL na terenie własnego MOF,\n"
                    "- pytania o program proszę zadawać w tym wątku.",
                    days_ago=40,
                    reactions=(("obserwator@zitnet.test", "useful"), ("gospodarz@zitnet.test", "thanks")),
                ),
                PostSpec(
                    "gospodarz@zitnet.test",
                    "Czy w ramach jednej wizyty można zobaczyć zarówno CAL wiejski, jak i miejski? W Aglomeracji "
                    "Wałbrzyskiej mamy oba typy gmin i chcielibyśmy porównać rozwiązania.",
                    days_ago=39,
                    reply_to=0,
                ),
                PostSpec(
                    "magdalena.koprowska@zitnet.test",
                    "Program układamy tak, aby każda wizyta obejmowała co najmniej dwa warianty modelu. "
                    "Szczegóły podamy w opisie wydarzeń po zamknięciu ekspertyzy.",
                    days_ago=38,
                    reply_to=1,
                    reactions=(("gospodarz@zitnet.test", "thanks"),),
                ),
            ],
        ),
        ThreadSpec(
            "centra-aktywnosci-lokalnej",
            "Model CAL w trzech wariantach: wiejskim, miejsko-wiejskim i miejskim",
            organisation="ZIT WrOF",
            posts=[
                PostSpec(
                    "magdalena.koprowska@zitnet.test",
                    "Kończymy ekspertyzę Modelu Funkcjonowania Centrów Aktywności Lokalnej. Wariant wiejski "
                    "opiera się na świetlicach i sołectwach, miejsko-wiejski na współpracy gminy z lokalnymi "
                    "organizacjami, a miejski – na sieci CAL w dzielnicach. Chętnie poznamy Państwa uwagi do "
                    "wariantu, który najbardziej pasuje do Waszego MOF.",
                    days_ago=30,
                    reactions=(("ekspert@zitnet.test", "useful"),),
                ),
                PostSpec(
                    "obserwator@zitnet.test",
                    "W gminie miejsko-wiejskiej najważniejsze okazało się, kto animuje CAL na co dzień. Bez "
                    "stałego animatora społeczność aktywizuje się tylko przy okazji projektów. Czy model "
                    "przewiduje finansowanie animatora po zakończeniu projektu?",
                    days_ago=29,
                    reply_to=0,
                ),
                PostSpec(
                    "adam.michalak@zitnet.test",
                    "Dopiszę doświadczenia z projektu „Kooperacja – efektywna i skuteczna”: CAL działa najlepiej, "
                    "gdy jest częścią lokalnego systemu usług społecznych, a nie osobnym projektem. W razie "
                    "pytań proszę dzwonić do naszej animatorki z Kcyni, pani Ireny – prywatny numer 600 123 456.",
                    days_ago=27,
                    reply_to=1,
                    report=(
                        "czlonek@zitnet.test",
                        "Wpis zawiera prywatny numer telefonu osoby, która nie pisze na forum. "
                        "Proszę o ukrycie numeru.",
                    ),
                ),
            ],
        ),
        ThreadSpec(
            "mlodziezowe-rady",
            "Jak angażować młodzieżowe rady gmin w sprawy całego MOF?",
            posts=[
                PostSpec(
                    "czlonek@zitnet.test",
                    "Młodzieżowe rady działają w wielu gminach, ale zajmują się sprawami jednej gminy. W ramach "
                    "działania „Młodzi aktywni” szukamy przykładów, gdy rady kilku gmin pracowały razem – "
                    "np. nad transportem publicznym albo ofertą kulturalną dla młodzieży w MOF.",
                    days_ago=21,
                    reactions=(("gospodarz@zitnet.test", "agree"),),
                ),
                PostSpec(
                    "gospodarz@zitnet.test",
                    "U nas dobrze sprawdziło się wspólne posiedzenie młodzieżowych rad przed konsultacjami "
                    "planu transportowego. Młodzi przygotowali mapę połączeń, których brakuje po lekcjach. "
                    "@czlonek, mogę przesłać notatkę z tego spotkania.",
                    days_ago=20,
                    reply_to=0,
                    reactions=(("czlonek@zitnet.test", "thanks"),),
                ),
            ],
        ),
        ThreadSpec(
            "mlodziezowe-rady",
            "Warsztaty „Młodzi aktywni” – nabór zamknięty",
            locked_by="moderator@zitnet.test",
            posts=[
                PostSpec(
                    "koordynator@zitnet.test",
                    "Nabór młodzieżowych rad na warsztaty z edukacji obywatelskiej jest zamknięty. Dziękujemy "
                    "za zgłoszenia! Rekomendacje wypracowane z ekspertem opublikujemy w bibliotece praktyk. "
                    "Dyskusję o współpracy rad prowadzimy w wątku obok.",
                    days_ago=15,
                    reactions=(("czlonek@zitnet.test", "thanks"),),
                ),
            ],
        ),
        ThreadSpec(
            "strategie-zit",
            "Aktualizacja strategii ZIT a strategia rozwoju ponadlokalnego – od czego zacząć?",
            organisation="ZIT AW",
            posts=[
                PostSpec(
                    "gospodarz@zitnet.test",
                    "Przygotowujemy aktualizację strategii ZIT Aglomeracji Wałbrzyskiej. Zastanawiamy się, jak "
                    "powiązać ją ze strategią rozwoju ponadlokalnego i ze strategią województwa, żeby nie "
                    "powielać diagnozy. Jak to zorganizowały inne biura ZIT?",
                    days_ago=12,
                    reactions=(("koordynator@zitnet.test", "question"), ("redaktor@zitnet.test", "agree")),
                ),
                PostSpec(
                    "koordynator@zitnet.test",
                    f"W {org('ZIT AKO')} zaczęliśmy od wspólnego zestawu wskaźników dla obu dokumentów – dzięki "
                    "temu monitorowanie i ewaluacja idą jednym torem. Temat wraca na warsztatach modułu "
                    "zarządzania strategicznego; @redaktor przygotuje krótkie podsumowanie naszego procesu.",
                    days_ago=11,
                    reply_to=0,
                    reactions=(("gospodarz@zitnet.test", "useful"),),
                ),
                PostSpec(
                    "redaktor@zitnet.test",
                    "Podsumowanie w skrócie:\n\n"
                    "1. diagnoza wspólna dla strategii ZIT i strategii ponadlokalnej,\n"
                    "2. jeden zespół ds. monitorowania z przedstawicielami gmin,\n"
                    "3. konsultacje z partnerami społeczno-gospodarczymi już na etapie celów, nie dopiero "
                    "gotowego projektu.\n\n"
                    "Pełną notatkę dodamy do biblioteki dobrych praktyk.",
                    days_ago=10,
                    reply_to=1,
                    reactions=(("gospodarz@zitnet.test", "thanks"), ("ekspert@zitnet.test", "useful")),
                ),
            ],
        ),
    ]


CYCLE_THREAD = ThreadSpec(
    "",
    "Spotkanie stacjonarne – dojazd i nocleg",
    posts=[
        PostSpec(
            "gospodarz@zitnet.test",
            "Na spotkanie stacjonarne proponujemy przyjazd dzień wcześniej. Zarezerwowaliśmy pulę pokoi "
            "w hotelu blisko urzędu; proszę o informację do piątku, kto z Państwa z niej skorzysta.",
            days_ago=6,
        ),
        PostSpec(
            "ekspert@zitnet.test",
            "Dziękuję, skorzystam z noclegu. Prześlę też obserwatorom pytania przewodnie przed spotkaniem.",
            days_ago=5,
            reply_to=0,
            reactions=(("gospodarz@zitnet.test", "thanks"),),
        ),
    ],
)


# --- building ---------------------------------------------------------------------------------------------


@contextmanager
def _quietly():
    """No audit lines on the console and no e-mail leaving while the demo is built."""
    audit = logging.getLogger("zitnet.audit")
    level = audit.level
    audit.setLevel(logging.WARNING)
    try:
        # At once (not on the background thread), so the mail goes to the in-memory outbox, not to people.
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend", ZITNET_BACKGROUND_THREAD=False
        ):
            yield
    finally:
        audit.setLevel(level)


def _user(email: str, cache: dict) -> User:
    if email not in cache:
        cache[email] = User.objects.get(email=email)
    return cache[email]


def _remove(threads) -> None:
    """Delete demo threads with their moderation log and audit entries, so re-seeding leaves no orphans."""
    threads = list(threads)
    if not threads:
        return
    thread_ids = [t.pk for t in threads]
    post_ids = list(Post.objects.filter(thread_id__in=thread_ids).values_list("pk", flat=True))
    ModerationEntry.objects.filter(thread_id__in=thread_ids).delete()
    ModerationEntry.objects.filter(post_id__in=post_ids).delete()
    for model, ids in ((Thread, thread_ids), (Post, post_ids)):
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id__in=[str(i) for i in ids]
        ).delete()
    Thread.objects.filter(pk__in=thread_ids).delete()


def _space(spec: SpaceSpec, users: dict) -> Space:
    space, _created = Space.objects.update_or_create(
        slug=spec.slug,
        defaults={
            "title": spec.title,
            "description": spec.description,
            "visibility": spec.visibility,
            "position": spec.position,
            "is_archived": False,
        },
    )
    space.moderators.add(*[_user(email, users) for email in spec.moderators])
    return space


def _write(spec: ThreadSpec, space: Space, orgs: dict, users: dict, now: datetime) -> Thread:
    first, *rest = spec.posts
    organisation = orgs.get(spec.organisation) if spec.organisation else None
    thread = services.start_thread(
        actor=_user(first.author, users),
        space=space,
        title=spec.title,
        body=first.body,
        organisation=organisation,
    )
    posts = [thread.posts.get()]
    # Dated back at once, so the next post of the same (new) demo account is not refused by the rate limit.
    _date(posts[0], now - timedelta(days=first.days_ago))
    for item in rest:
        reply_to = posts[item.reply_to] if item.reply_to is not None else None
        post = services.reply(
            actor=_user(item.author, users), thread=thread, body=item.body, reply_to=reply_to
        )
        _date(post, now - timedelta(days=item.days_ago))
        posts.append(post)
    for item, post in zip(spec.posts, posts, strict=True):
        for email, kind in item.reactions:
            services.react(actor=_user(email, users), post=post, kind=kind)
        if item.report:
            moderation.report_post(actor=_user(item.report[0], users), post=post, reason=item.report[1])
    thread.refresh_from_db()
    if spec.pinned_by:
        moderation.pin(actor=_user(spec.pinned_by, users), thread=thread)
    if spec.locked_by:
        moderation.lock(actor=_user(spec.locked_by, users), thread=thread)
    created = now - timedelta(days=spec.posts[0].days_ago)
    last = now - timedelta(days=spec.posts[-1].days_ago)
    Thread.objects.filter(pk=thread.pk).update(created_at=created, last_post_at=last)
    return thread


def _date(post: Post, when: datetime) -> None:
    Post.objects.filter(pk=post.pk).update(created_at=when)
    Notification.objects.filter(post=post).update(created_at=when)


def seed(out, organisations: dict, *, now: datetime | None = None) -> dict[str, Space]:
    """Create or rebuild the demo spaces and threads. Returns the spaces by slug."""
    now = now or datetime.now(tz=WARSAW).replace(second=0, microsecond=0)
    users: dict = {}
    with _quietly(), transaction.atomic():
        spaces = {spec.slug: _space(spec, users) for spec in SPACES}
        specs = _threads(organisations)
        _remove(Thread.objects.filter(space__in=spaces.values(), title__in=[s.title for s in specs]))
        written = [_write(spec, spaces[spec.space], organisations, users, now) for spec in specs]
        cycle_space = Space.objects.filter(cycle__slug=CYCLE_SLUG).first()
        if cycle_space is not None:
            _remove(cycle_space.threads.filter(title=CYCLE_THREAD.title))
            authors = {_user(item.author, users) for item in CYCLE_THREAD.posts}
            if all(person.has_perm("forum.post_in_space", cycle_space) for person in authors):
                written.append(_write(CYCLE_THREAD, cycle_space, organisations, users, now))
    posts = Post.objects.filter(thread__in=written).count()
    out.write(f"  forum: {len(spaces)} spaces, {len(written)} threads, {posts} posts")
    return spaces
