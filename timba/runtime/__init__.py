"""The small runtime that generated code imports: behaviour shared by every resource."""
