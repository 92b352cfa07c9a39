# generated from resources.yaml by codegen 0.1.0 — do not edit

"""The seed's routes (`legacy:` in resources.yaml), served under /timba/ and /timbba/ by timba.urls."""

from ninja import Router

router = Router(tags=["seed routes"])
