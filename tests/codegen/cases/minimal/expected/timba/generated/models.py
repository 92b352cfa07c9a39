# generated from resources.yaml by codegen 0.1.0 — do not edit

"""Abstract model bases, one per resource in resources.yaml."""

from django.db import models

from timba.runtime.models import EntityModel


class NoteBase(EntityModel):
    """Generated fields of Note; the concrete model is timba/hooks/note.py."""

    body = models.TextField("body", blank=True, default="")
    created_at = models.DateTimeField("created at", auto_now_add=True)
    updated_at = models.DateTimeField("updated at", auto_now=True)

    class Meta:
        abstract = True
        ordering = ["id"]
        verbose_name = "note"
        verbose_name_plural = "notes"
