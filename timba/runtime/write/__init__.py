"""The write pipeline: the only code that writes an entity. The REST API and the seed routes
(timba.runtime.services), bulk upsert, the admin (forms, save, delete, actions) and imports all
hand it plain values and get the rows back, or a Problem; none of them needs a request.

Every write takes the same steps, in this order (`pipeline`), for one row or a batch:

1. permission and tenant scope: the caller's role for the operation, the stored rows it may
   touch (locked, and held to the version the caller read: If-Match), the rows its references
   name (`references`); an item that fails here is not looked at any further, so no later
   check can tell it anything about other tenants' rows;
2. the tenant and the auto fields (`created_by` / `updated_by`) from the caller;
3. derived and computed fields (copied from the parents, computed by the model's hooks);
4. validation: the field rules, computed values against their column (`columns`), the
   password rules (`accounts`), uniqueness within the batch and against the database
   (`uniqueness`), derived children that would clash (`propagation`), the seat limit over the
   whole batch under the tenant lock (`seats`), and the model's own clean();
5. the write: save() for one row, bulk statements for a batch;
6. propagation to derived children, one UPDATE per copied field (`propagation`);
7. the answer: the rows as the API returns them.
"""

from timba.runtime.write.items import Item
from timba.runtime.write.pipeline import (
    Plan,
    active,
    conflict,
    delete,
    prepare,
    save,
    snapshot,
    stored_snapshot,
)

__all__ = ["Item", "Plan", "active", "conflict", "delete", "prepare", "save", "snapshot", "stored_snapshot"]
