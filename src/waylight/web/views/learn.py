"""Learn: the knowledge base (SPEC C1), its search and a myth-or-fact quiz."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from waylight.core.errors import InputError
from waylight.core.kb import Item, KnowledgeBase, load_knowledge_base
from waylight.web.language import page_language
from waylight.web.views.helpnow import help_context

SEARCH_MAX_CHARS = 200
MYTHS_SECTION = "myths"


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    kb = load_knowledge_base(page_language(request))
    return render(request, "waylight/learn/index.html", {"nav": "learn", "kb": kb})


@require_GET
def section(request: HttpRequest, section_id: str) -> HttpResponse:
    kb = load_knowledge_base(page_language(request))
    try:
        found = kb.section(section_id)
    except InputError as exc:
        raise Http404(str(exc)) from exc
    return render(
        request,
        "waylight/learn/section.html",
        {"nav": "learn", "section": found, "has_quiz": section_id == MYTHS_SECTION},
    )


@require_GET
def item(request: HttpRequest, section_id: str, item_id: str) -> HttpResponse:
    kb = load_knowledge_base(page_language(request))
    try:
        found = kb.item(item_id, section=section_id)
    except InputError as exc:
        raise Http404(str(exc)) from exc
    context = {
        "nav": "learn",
        "section": kb.section(section_id),
        "item": found,
        "related": [kb.item(rid) for rid in found.related if kb.has_item(rid)],
        "sources": [kb.sources[sid] for sid in found.sources if sid in kb.sources],
        "section_of": {s.id: s for s in kb.sections},
    }
    return render(request, "waylight/learn/item.html", context)


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    from waylight.core.search import search as search_kb
    from waylight.core.search_lead import SearchLead, lead_for, order_hits

    query = request.GET.get("q", "").strip()
    error = ""
    hits = []
    lead = SearchLead(help_first=False, about_someone=False)
    if len(query) > SEARCH_MAX_CHARS:
        error = _("That is a long search. Please use fewer than {chars} characters.").format(
            chars=SEARCH_MAX_CHARS
        )
    elif query:
        lang = page_language(request)
        try:
            lead = lead_for(query, lang=lang)
            hits = order_hits(search_kb(query, limit=10, lang=lang), lead)
        except InputError as exc:
            error = str(exc)
    context = {"nav": "learn", "query": query, "hits": hits, "error": error, "lead": lead}
    if lead.help_first or lead.about_someone:
        context.update(help_context(request))
    return render(request, "waylight/learn/search.html", context)


@dataclass(frozen=True)
class QuizCard:
    """One quiz statement: either a myth or the fact that answers it."""

    number: int
    statement: str
    is_myth: bool
    item: Item


# Myth or fact, statement by statement: a fixed, balanced pattern that is not a strict
# alternation, so the answer to one statement never gives away the next.
QUIZ_PATTERN = (True, False, False, True, True, False)


def quiz_cards(kb: KnowledgeBase) -> list[QuizCard]:
    """Statements from the myths section, numbered from 1: for each item its myth or its fact.

    Mixing both keeps the quiz honest: not every statement is a myth.
    """
    cards: list[QuizCard] = []
    for position, entry in enumerate(kb.section(MYTHS_SECTION).items):
        show_myth = QUIZ_PATTERN[position % len(QUIZ_PATTERN)]
        statement = entry.myth if show_myth else entry.fact
        if statement:
            cards.append(
                QuizCard(number=len(cards) + 1, statement=statement, is_myth=show_myth, item=entry)
            )
    return cards


@require_GET
def quiz_summary(request: HttpRequest) -> HttpResponse:
    """The end of the quiz: every statement, myth or fact, and what each one teaches."""
    cards = quiz_cards(load_knowledge_base(page_language(request)))
    return render(request, "waylight/learn/quiz_summary.html", {"nav": "learn", "cards": cards})


@require_http_methods(["GET", "POST"])
def quiz(request: HttpRequest, number: int = 1) -> HttpResponse:
    kb = load_knowledge_base(page_language(request))
    cards = quiz_cards(kb)
    if not 1 <= number <= len(cards):
        raise Http404("There is no quiz question with that number.")
    card = cards[number - 1]
    guess = ""
    error = ""
    if request.method == "POST":
        guess = request.POST.get("guess", "")
        if guess not in {"myth", "fact"}:
            error = _("Please choose “Myth” or “Fact”, then press Check.")
            guess = ""
    context = {
        "nav": "learn",
        "card": card,
        "total": len(cards),
        "guess": guess,
        "correct": bool(guess) and (guess == "myth") == card.is_myth,
        "next_number": number + 1 if number < len(cards) else None,
        "error": error,
    }
    return render(request, "waylight/learn/quiz.html", context, status=422 if error else 200)
