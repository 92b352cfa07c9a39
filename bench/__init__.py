"""`make bench-api`: the generated REST API against a raw Django view and a DRF ModelViewSet."""
