"""A long discussion for benchmarks: `seed_demo --forum-scale` (issue 8: reading threads, live updates).

The public space "pomiar-dyskusji" holds one thread of exactly 500 posts written by 40 people (the demo people
who write in the forum and synthetic members of the demo organisations): Polish Markdown of every length with
lists, links and quotes, replies, mentions, a few hundred reactions, edited posts with their earlier versions
and two posts hidden by the moderator. Besides it: 500 reader accounts (czytelnik-001@zitnet.test…, with
verified e-mail addresses like the demo people, no usable password) for the WebSocket load, and one poster
(a member older than the 7 days of the new-account rate limit) with an API token.

Rows are written in bulk; every post's HTML is rendered the way `forum.services` renders it (mentions
resolved, then `zitnet.core.markdown`). Idempotent: people and the space are made once; an existing whole
thread is kept and only what was written after its 500 posts (the live benchmark's posts) is removed, so post
ids stay the same from run to run and the poster's daily limit starts afresh; a thread that is not whole is
written again.
"""

import random
from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token
from wagtail.models import ModelLogEntry

from zitnet.accounts.enums import MembershipStatus
from zitnet.accounts.models import Membership, User
from zitnet.core.markdown import render_markdown
from zitnet.directory.models import Organisation

from . import mentions
from .enums import ModerationKind, Reaction, Visibility
from .models import Mention, ModerationEntry, Post, PostReaction, PostRevision, Space, Subscription, Thread

SPACE_SLUG = "pomiar-dyskusji"
SPACE_TITLE = "Transport i mobilność w MOF (dane do pomiarów)"
SPACE_DESCRIPTION = (
    "Długa dyskusja o wspólnym transporcie publicznym gmin miejskich obszarów funkcjonalnych: bilety, "
    "rozkłady, porozumienia międzygminne i finansowanie. Przestrzeń służy pomiarom wydajności forum."
)
THREAD_TITLE = "Wspólny bilet i dojazdy w MOF – doświadczenia gmin"
POSTS = 500
READERS = 500
AUTHORS = 40
READER_EMAIL = "czytelnik-{:03d}@zitnet.test"
POSTER_EMAIL = "prowadzaca.pomiar@zitnet.test"
MODERATOR_EMAIL = "moderator@zitnet.test"
# Demo people who write in the long thread (the others are synthetic members of the demo organisations).
DEMO_AUTHORS = [
    "koordynator@zitnet.test",
    "moderator@zitnet.test",
    "ekspert@zitnet.test",
    "redaktor@zitnet.test",
    "gospodarz@zitnet.test",
    "obserwator@zitnet.test",
    "czlonek@zitnet.test",
]
FIRST_NAMES = [
    ("Anna", "anna"), ("Piotr", "piotr"), ("Katarzyna", "katarzyna"), ("Tomasz", "tomasz"),
    ("Małgorzata", "malgorzata"), ("Paweł", "pawel"), ("Agnieszka", "agnieszka"), ("Marcin", "marcin"),
    ("Joanna", "joanna"), ("Michał", "michal"), ("Ewa", "ewa"), ("Krzysztof", "krzysztof"),
    ("Monika", "monika"), ("Łukasz", "lukasz"), ("Aleksandra", "aleksandra"), ("Grzegorz", "grzegorz"),
    ("Beata", "beata"), ("Jakub", "jakub"), ("Dorota", "dorota"), ("Wojciech", "wojciech"),
]  # fmt: skip
LAST_NAMES = [
    ("Kaczmarek", "kaczmarek"), ("Pawlak", "pawlak"), ("Sikora", "sikora"), ("Baran", "baran"),
    ("Ostrowski", "ostrowski"), ("Sadowski", "sadowski"), ("Głowacki", "glowacki"),
    ("Jabłoński", "jablonski"), ("Wróbel", "wrobel"), ("Majewski", "majewski"), ("Olszewski", "olszewski"), ("Stępień", "stepien"),
    ("Malinowski", "malinowski"), ("Jaworski", "jaworski"), ("Adamczyk", "adamczyk"), ("Dudek", "dudek"),
    ("Nowakowski", "nowakowski"), ("Pietrzak", "pietrzak"), ("Wieczorek", "wieczorek"), ("Król", "krol"),
]  # fmt: skip
JOB_TITLES = [
    "Specjalista ds. transportu publicznego",
    "Inspektorka ds. rozwoju lokalnego",
    "Kierownik referatu inwestycji",
    "Sekretarz gminy",
    "Koordynatorka projektów ZIT",
    "Zastępca wójta",
    "Specjalistka ds. funduszy europejskich",
    "Dyrektor zarządu dróg i transportu",
]

# Posts are put together from these parts, so that they differ in length and shape as a real thread's do.
OPENINGS = [
    "Dzień dobry,",
    "Dziękuję za ten wątek – temat wraca u nas przy każdym budżecie.",
    "Dopiszę kilka słów z perspektywy gminy wiejskiej.",
    "Krótko, bo jestem po sesji rady:",
    "Zgadzam się z przedmówcami, ale jedna rzecz mnie niepokoi.",
    "Uzupełnię informację z naszego biura ZIT.",
    "Mamy podobne doświadczenia.",
    "Wracam do wątku po spotkaniu z przewoźnikami.",
    "Pytanie do osób, które już to wdrożyły:",
    "Z perspektywy miasta rdzeniowego wygląda to trochę inaczej.",
]
SENTENCES = [
    "Wspólny bilet działa u nas od dwóch lat i najwięcej zyskali na nim uczniowie dojeżdżający do szkół "
    "średnich.",
    "Największym problemem okazało się rozliczanie wpływów z biletów między gminami.",
    "Porozumienie międzygminne podpisaliśmy dopiero po trzecim spotkaniu wójtów, bo każdy liczył inaczej "
    "koszty wozokilometra.",
    "Rozkłady jazdy autobusów gminnych dopasowaliśmy do pociągów regionalnych i liczba pasażerów wzrosła "
    "o jedną piątą.",
    "Bez danych z biletomatów trudno przekonać radnych, że linia do sąsiedniej gminy ma sens.",
    "Przewoźnik prywatny wycofał się z dwóch kursów wieczornych, więc przejęliśmy je w ramach "
    "przewozów o charakterze użyteczności publicznej.",
    "W ankiecie mieszkańcy najczęściej wskazywali brak połączeń w soboty i niedziele.",
    "Dopłaty z funduszu rozwoju przewozów autobusowych pokrywają u nas mniej więcej połowę deficytu linii.",
    "Węzeł przesiadkowy przy dworcu sfinansowaliśmy ze środków ZIT, ale utrzymanie spada na gminę.",
    "Warto od początku zaplanować, kto będzie organizatorem transportu – gmina, powiat czy związek "
    "międzygminny.",
    "Mała gmina nie udźwignie sama przetargu na przewozy, dlatego zrobiliśmy go wspólnie z czterema "
    "sąsiadami.",
    "Młodzieżowa rada przygotowała mapę miejsc, do których nie da się dojechać po 18:00.",
    "Osoby starsze pytają przede wszystkim o dojazd do przychodni i do urzędu w mieście powiatowym.",
    "Aplikacja z rozkładem jest przydatna, ale na przystankach wciąż muszą wisieć papierowe rozkłady.",
    "Kurs na żądanie sprawdził się w dwóch sołectwach, w pozostałych zamówień było za mało.",
    "Kluczowe było wyznaczenie jednej osoby do kontaktu z przewoźnikami w imieniu wszystkich gmin.",
    "Wskaźniki w strategii ZIT dotyczą liczby pasażerów, a nie liczby kursów, i to zmienia rozmowę "
    "o finansowaniu.",
    "Po zmianie rozkładu dostaliśmy kilkadziesiąt skarg, więc teraz każdą zmianę konsultujemy z sołtysami.",
    "Bilet miesięczny dla seniorów kosztuje u nas symboliczną złotówkę i gminy dopłacają różnicę.",
    "Parkingi „parkuj i jedź” przy stacjach zapełniają się przed siódmą rano.",
    "Dostępność przystanków dla osób na wózkach wciąż jest słabym punktem, zwłaszcza poza miastem.",
    "Rozmawiamy z urzędem marszałkowskim o wspólnym bilecie na kolej i autobusy gminne.",
    "Przy planowaniu linii pomogły nam dane o dojazdach do pracy z badania ruchu.",
    "Jeden wspólny przetarg obniżył cenę wozokilometra, ale wydłużył przygotowania o pół roku.",
    "Bez stałego finansowania każda nowa linia kończy się razem z projektem.",
    "Mieszkańcy najbardziej docenili kursy dopasowane do zmian w zakładach pracy.",
    "Warto pokazać radnym koszt jednego pasażera, a nie tylko koszt całej linii.",
    "Szkoły zgodziły się przesunąć początek lekcji o kwadrans, co ułatwiło ułożenie rozkładu.",
    "Elektryczne autobusy są droższe w zakupie, ale w naszym przypadku tańsze w utrzymaniu.",
    "Wspólny system informacji pasażerskiej okazał się tańszy niż się obawialiśmy.",
]
LIST_INTROS = [
    "U nas zadziałało kilka rzeczy:",
    "Lista spraw do uzgodnienia przed podpisaniem porozumienia:",
    "Z ankiety wśród mieszkańców wynika, że potrzebne są:",
    "Najczęstsze pytania radnych:",
    "Co bym zrobił inaczej, zaczynając jeszcze raz:",
]
LIST_ITEMS = [
    "wspólny cennik biletów dla wszystkich gmin",
    "jeden operator systemu biletowego",
    "rozliczenie wpływów według liczby skasowanych biletów",
    "kursy wieczorne w dni robocze",
    "połączenia w soboty i niedziele",
    "przystanki dostępne dla osób z niepełnosprawnościami",
    "rozkład zsynchronizowany z koleją",
    "bilet dla uczniów ważny także w wakacje",
    "stała osoba kontaktowa w każdej gminie",
    "coroczny przegląd linii z udziałem mieszkańców",
    "jasny podział kosztów utrzymania węzła przesiadkowego",
    "dane o pasażerach udostępniane wszystkim gminom",
]
LINKS = [
    ("bibliotece dobrych praktyk", "/dobre-praktyki/"),
    ("katalogu organizacji", "/katalog/"),
    ("podręczniku współpracy ponadlokalnej", "/podrecznik/"),
    ("kalendarzu wydarzeń", "/wydarzenia/"),
    ("ustawie o publicznym transporcie zbiorowym", "https://isap.sejm.gov.pl/"),
    ("portalu Funduszy Europejskich", "https://www.funduszeeuropejskie.gov.pl/"),
    ("mapie OpenStreetMap", "https://www.openstreetmap.org/"),
]
LINK_SENTENCES = [
    "Wzór porozumienia, z którego korzystaliśmy, jest opisany w [{label}]({url}).",
    "Więcej szczegółów znajdziecie w [{label}]({url}).",
    "Podlinkuję jeszcze materiał, który nam pomógł: [{label}]({url}).",
]
CLOSINGS = [
    "Pozdrawiam serdecznie.",
    "Dajcie znać, jeśli ktoś ma podobne doświadczenia.",
    "Chętnie podzielę się dokumentami, proszę o kontakt.",
    "Wrócę z danymi po zakończeniu roku szkolnego.",
    "Dziękuję wszystkim za cenne uwagi!",
    "",
]
MENTIONS = [
    "{mention}, czy możesz dopisać, jak to wyglądało u Was?",
    "{mention} – pamiętam, że mieliście podobny problem z rozliczeniami. Jak go rozwiązaliście?",
    "{mention}, podsyłam do wiadomości, bo temat dotyczy też Waszej gminy.",
    "Dzięki, {mention}, za materiały ze spotkania!",
]
HEADINGS = ["Co się udało", "Czego nie przewidzieliśmy", "Koszty", "Następne kroki"]
HIDDEN_REASON = "Wpis zawierał prywatny numer telefonu osoby spoza forum."
HIDDEN_BODY = (
    "W sprawie kursów na żądanie najlepiej dzwonić bezpośrednio do pani Haliny z naszego sołectwa, "
    "prywatny numer 601 234 567 – ona wszystko załatwi."
)


@dataclass(frozen=True)
class Result:
    thread: Thread
    created: bool
    removed: int


def seed_forum_scale(
    out,
    *,
    posts: int = POSTS,
    readers: int = READERS,
    authors: int = AUTHORS,
    seed: int = 2026,
) -> Result:
    """Create (or trim back) the benchmark thread, the readers and the poster; one line of output."""
    rng = random.Random(seed)  # noqa: S311 - reproducible synthetic data, not secrets
    now = timezone.now()
    with transaction.atomic():
        organisations = list(Organisation.objects.listed().order_by("pk")[:12])
        writers = _authors(rng, authors, organisations)
        _readers(readers)
        poster = _poster(organisations, now)
        space = _space()
        thread = Thread.objects.filter(space=space, title=THREAD_TITLE).order_by("pk").first()
        removed, created = 0, False
        if thread is not None and thread.posts.count() >= posts:
            removed = _trim(thread, posts)
        else:
            if thread is not None:
                _forget_posts(list(thread.posts.values_list("pk", flat=True)))
                thread.delete()
            thread = _thread(rng, space, writers, readers, posts, now)
            created = True
    out.write(
        f"  forum scale: “{THREAD_TITLE}” in {SPACE_SLUG}: {thread.post_count} posts "
        f"by {len(writers)} people, "
        f"{readers} readers, poster {poster.email}"
        + (f" (later posts removed: {removed})" if removed else "")
    )
    return Result(thread=thread, created=created, removed=removed)


def bench_targets(posts: int = POSTS) -> dict:
    """What the benchmark needs to know after seeding: the thread, the post whose successors the API lists
    (the 450th of 500), the poster's token and the readers' e-mails."""
    thread = Thread.objects.select_related("space").get(space__slug=SPACE_SLUG, title=THREAD_TITLE)
    ids = list(thread.posts.order_by("pk").values_list("pk", flat=True)[:posts])
    poster = User.objects.get(email=POSTER_EMAIL)
    return {
        "thread": thread.pk,
        "thread_path": thread.get_absolute_url(),
        "after": ids[posts - 51] if len(ids) > 50 else ids[0],
        "token": Token.objects.get(user=poster).key,
        "readers": list(
            User.objects.filter(email__startswith="czytelnik-", email__endswith="@zitnet.test")
            .order_by("email")
            .values_list("email", flat=True)
        ),
    }


# --- people -----------------------------------------------------------------------------------------------


def _missing(emails: list[str]) -> list[str]:
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    return [email for email in emails if email not in existing]


def _verified(emails: list[str]) -> None:
    """Verified primary addresses, as the demo people have."""
    users = User.objects.filter(email__in=emails).exclude(emailaddress__email__in=emails)
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users]
    )


def _new_users(rows: list[dict], joined) -> None:
    # make_password(None) is an unusable password: these accounts are never logged in with one.
    User.objects.bulk_create(
        [User(password=make_password(None), date_joined=joined, is_active=True, **row) for row in rows]
    )


def _authors(rng: random.Random, count: int, organisations: list) -> list[User]:
    demo = list(User.objects.filter(email__in=DEMO_AUTHORS[:count]).order_by("pk"))
    names = [(first, last) for last in LAST_NAMES for first in FIRST_NAMES]
    random.Random(7).shuffle(names)  # noqa: S311 - a fixed choice of names
    synthetic = []
    for index, ((first, first_ascii), (last, last_ascii)) in enumerate(names[: max(0, count - len(demo))]):
        synthetic.append(
            {
                "email": f"{first_ascii}.{last_ascii}@mof.zitnet.test",
                "first_name": first,
                "last_name": last,
                "job_title": JOB_TITLES[index % len(JOB_TITLES)],
            }
        )
    emails = [row["email"] for row in synthetic]
    missing = set(_missing(emails))
    _new_users([row for row in synthetic if row["email"] in missing], timezone.now() - timedelta(days=400))
    _verified(emails)
    people = list(User.objects.filter(email__in=emails).order_by("pk"))
    if organisations:
        Membership.objects.bulk_create(
            [
                Membership(
                    user=person,
                    organisation=organisations[index % len(organisations)],
                    status=MembershipStatus.ACTIVE,
                )
                for index, person in enumerate(people)
            ],
            ignore_conflicts=True,
        )
    return demo + people


def _readers(count: int) -> None:
    rows = []
    for number in range(1, count + 1):
        first, _ascii = FIRST_NAMES[number % len(FIRST_NAMES)]
        last, _ascii = LAST_NAMES[(number * 7) % len(LAST_NAMES)]
        rows.append({"email": READER_EMAIL.format(number), "first_name": first, "last_name": last})
    emails = [row["email"] for row in rows]
    missing = set(_missing(emails))
    _new_users([row for row in rows if row["email"] in missing], timezone.now() - timedelta(days=30))
    _verified(emails)


def _poster(organisations: list, now) -> User:
    poster, _created = User.objects.get_or_create(
        email=POSTER_EMAIL,
        defaults={
            "first_name": "Halina",
            "last_name": "Borowska",
            "job_title": "Koordynatorka dyskusji o transporcie",
            "password": make_password(None),
        },
    )
    # Older than the new-account limit (one post per 30 s), so the benchmark may post every second.
    if poster.date_joined > now - timedelta(days=30):
        User.objects.filter(pk=poster.pk).update(date_joined=now - timedelta(days=90))
    _verified([POSTER_EMAIL])
    if organisations:
        Membership.objects.get_or_create(
            user=poster, organisation=organisations[0], defaults={"status": MembershipStatus.ACTIVE}
        )
    Token.objects.get_or_create(user=poster)
    return poster


def _space() -> Space:
    space, _created = Space.objects.update_or_create(
        slug=SPACE_SLUG,
        defaults={
            "title": SPACE_TITLE,
            "description": SPACE_DESCRIPTION,
            "visibility": Visibility.PUBLIC,
            "position": 90,
            "is_archived": False,
        },
    )
    moderator = User.objects.filter(email=MODERATOR_EMAIL).first()
    if moderator is not None:
        space.moderators.add(moderator)
    return space


# --- the thread -------------------------------------------------------------------------------------------


def _forget_posts(post_ids: list[int]) -> None:
    """The audit entries and moderation log of posts about to be deleted (no orphans left behind)."""
    if not post_ids:
        return
    ModerationEntry.objects.filter(post_id__in=post_ids).delete()
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Post), object_id__in=[str(i) for i in post_ids]
    ).delete()


def _trim(thread: Thread, posts: int) -> int:
    """Remove what was written after the thread's first `posts` posts; the number removed."""
    last_kept = thread.posts.order_by("pk").values_list("pk", flat=True)[posts - 1]
    later = list(thread.posts.filter(pk__gt=last_kept).values_list("pk", flat=True))
    if later:
        _forget_posts(later)
        Post.objects.filter(pk__in=later).delete()
    last = Post.objects.get(pk=last_kept)
    Thread.objects.filter(pk=thread.pk).update(post_count=posts, last_post_at=last.created_at)
    thread.refresh_from_db()
    return len(later)


def _body(rng: random.Random, writers: list[User], author: User, quoted: str | None) -> str:
    """One post in Markdown: from a line to several paragraphs with a list, a link or a heading."""
    parts = []
    if quoted:
        parts.append(f"> {quoted}")
    shape = rng.random()
    if shape < 0.3:  # a short answer
        parts.append(" ".join(rng.sample(SENTENCES, rng.randint(1, 2))))
    else:
        parts.append(rng.choice(OPENINGS))
        paragraphs = 2 if shape < 0.75 else rng.randint(3, 6)
        sizes = [rng.randint(1, 4) for _ in range(paragraphs)]
        pool = rng.sample(SENTENCES, sum(sizes))  # no sentence twice in one post
        for number, size in enumerate(sizes):
            if paragraphs > 3 and number in (1, 3) and rng.random() < 0.5:
                parts.append(f"### {HEADINGS[(number // 2) % len(HEADINGS)]}")
            text = " ".join(pool[:size])
            pool = pool[size:]
            if rng.random() < 0.2:
                words = text.split(" ")
                spot = rng.randrange(len(words))
                words[spot] = f"**{words[spot]}**"
                text = " ".join(words)
            parts.append(text)
        if rng.random() < 0.35:
            items = rng.sample(LIST_ITEMS, rng.randint(2, 5))
            numbered = rng.random() < 0.4
            lines = [f"{n}. {item}" if numbered else f"- {item}" for n, item in enumerate(items, start=1)]
            parts.append(rng.choice(LIST_INTROS) + "\n\n" + "\n".join(lines))
        if rng.random() < 0.25:
            label, url = rng.choice(LINKS)
            parts.append(rng.choice(LINK_SENTENCES).format(label=label, url=url))
    others = [person for person in writers if person.pk != author.pk]
    if others and rng.random() < 0.08:
        person = rng.choice(others)
        if rng.random() < 0.5 or person.email.endswith("@mof.zitnet.test"):
            mention = f"@[{person.get_full_name()}](u:{person.pk})"
        else:
            mention = "@" + person.email.split("@")[0]
        parts.append(rng.choice(MENTIONS).format(mention=mention))
    closing = rng.choice(CLOSINGS)
    if closing and shape >= 0.3:
        parts.append(closing)
    return "\n\n".join(parts)


def _quote(body: str) -> str:
    """The first sentence of the post's first real paragraph (not its greeting, quote, heading or list)."""
    paragraphs = [p for p in body.split("\n\n") if len(p) > 60 and not p.startswith((">", "#", "-", "1."))]
    text = paragraphs[0] if paragraphs else body.split("\n\n")[-1]
    sentence = text.split(". ")[0].rstrip(".")
    return sentence[:200] + "…" if len(sentence) > 200 else sentence + "…"


def _html(body: str, thread: Thread) -> tuple[str, mentions.Resolved]:
    # As forum.services renders a post: mentions resolved against who may read the thread, then Markdown.
    resolved = mentions.resolve(body, thread)
    return render_markdown(mentions.to_markdown(body, resolved)), resolved


def _thread(rng: random.Random, space: Space, writers: list[User], readers: int, count: int, now) -> Thread:
    start = now - timedelta(days=90)
    # Posts spread over 90 days up to an hour ago, in order, the gaps varying.
    steps = [rng.expovariate(1.0) for _ in range(count)]
    scale = (timedelta(days=90) - timedelta(hours=1)) / sum(steps)
    times, moment = [], start
    for step in steps:
        times.append(moment)
        moment += scale * step
    thread = Thread.objects.create(space=space, title=THREAD_TITLE, author=writers[0], last_post_at=times[-1])
    hidden = set(rng.sample(range(20, count), min(2, max(0, count - 20))))
    authors, bodies, replies = [], [], []
    for index in range(count):
        author = writers[0] if index == 0 else writers[rng.randrange(len(writers))]
        reply_to = None
        if index > 0 and rng.random() < 0.3:
            reply_to = max(0, index - 1 - int(rng.expovariate(0.3)))
        quoted = _quote(bodies[reply_to]) if reply_to is not None and rng.random() < 0.5 else None
        body = HIDDEN_BODY if index in hidden else _body(rng, writers, author, quoted)
        authors.append(author)
        bodies.append(body)
        replies.append(reply_to)
    rendered = [_html(body, thread) for body in bodies]
    moderator = User.objects.filter(email=MODERATOR_EMAIL).first()
    rows = [
        Post(
            thread=thread,
            author=authors[i],
            body=bodies[i],
            html=rendered[i][0],
            is_hidden=i in hidden,
            hidden_reason=HIDDEN_REASON if i in hidden else "",
            hidden_by=moderator if i in hidden else None,
            hidden_at=times[i] + timedelta(hours=3) if i in hidden else None,
        )
        for i in range(count)
    ]
    created = Post.objects.bulk_create(rows)
    for i, post in enumerate(created):
        post.created_at = times[i]
        post.reply_to = created[replies[i]] if replies[i] is not None else None
    Post.objects.bulk_update(created, ["created_at", "reply_to"], batch_size=250)
    Mention.objects.bulk_create(
        [
            Mention(post=post, user=person)
            for post, (_h, res) in zip(created, rendered, strict=True)
            for person in mentions.mentioned_users(res)
        ]
    )
    _revisions(rng, created, hidden, thread)
    _reactions(rng, created, writers, readers)
    for i in sorted(hidden):
        ModerationEntry.objects.create(
            space=space,
            thread=thread,
            post=created[i],
            kind=ModerationKind.HIDE,
            moderator=moderator,
            reason=HIDDEN_REASON,
        )
    Subscription.objects.bulk_create(
        [Subscription(user=person, thread=thread) for person in set(authors)], ignore_conflicts=True
    )
    Thread.objects.filter(pk=thread.pk).update(created_at=times[0], last_post_at=times[-1], post_count=count)
    thread.refresh_from_db()
    return thread


def _revisions(rng: random.Random, posts: list[Post], hidden: set[int], thread: Thread) -> None:
    """About a dozen posts edited once or twice: each earlier text kept as a revision."""
    candidates = [i for i in range(1, len(posts)) if i not in hidden]
    revisions, edited = [], []
    for i in rng.sample(candidates, min(12, len(candidates))):
        post = posts[i]
        earlier = post.body.rsplit("\n\n", 1)[0] if "\n\n" in post.body else post.body.replace(",", "", 1)
        versions = [earlier] if rng.random() < 0.7 else [earlier.split("\n\n")[0], earlier]
        if versions[-1] == post.body:
            versions[-1] = post.body + " (poprawka)"
        for number, text in enumerate(versions, start=1):
            revisions.append(
                PostRevision(
                    post=post,
                    body=text,
                    edited_by=post.author,
                    created_at=post.created_at + timedelta(minutes=7 * number),
                )
            )
        post.version = len(versions) + 1
        post.edited_at = post.created_at + timedelta(minutes=7 * len(versions))
        edited.append(post)
    dates = [revision.created_at for revision in revisions]
    saved = PostRevision.objects.bulk_create(revisions)
    for revision, when in zip(saved, dates, strict=True):  # auto_now_add wrote "now"; date them with the post
        revision.created_at = when
    PostRevision.objects.bulk_update(saved, ["created_at"])
    Post.objects.bulk_update(edited, ["version", "edited_at"])


def _reactions(rng: random.Random, posts: list[Post], writers: list[User], readers: int) -> None:
    """A few hundred reactions from the writers and some readers, more on the early and the long posts."""
    people = writers + list(
        User.objects.filter(email__in=[READER_EMAIL.format(n) for n in range(1, min(readers, 60) + 1)])
    )
    kinds = Reaction.values
    seen, rows = set(), []
    target = min(350, len(posts) * 3 // 4 + 1)
    while len(rows) < target:
        post = posts[min(len(posts) - 1, int(rng.expovariate(3.0 / len(posts))))]
        if post.is_hidden:
            continue
        person = rng.choice(people)
        key = (post.pk, person.pk, rng.choices(kinds, weights=[5, 4, 3, 1])[0])
        if person.pk == post.author_id or key in seen:
            continue
        seen.add(key)
        rows.append(PostReaction(post_id=key[0], user_id=key[1], kind=key[2]))
    saved = PostReaction.objects.bulk_create(rows)
    posts_by_id = {post.pk: post for post in posts}
    for reaction in saved:
        reaction.created_at = posts_by_id[reaction.post_id].created_at + timedelta(hours=rng.uniform(0.1, 30))
    PostReaction.objects.bulk_update(saved, ["created_at"], batch_size=250)
