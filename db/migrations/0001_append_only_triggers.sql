-- Ledger, event and audit rows are history: they can be added, never changed or removed.
CREATE OR REPLACE FUNCTION baodao_forbid_mutation() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER points_ledger_append_only BEFORE UPDATE OR DELETE ON points_ledger
  FOR EACH ROW EXECUTE FUNCTION baodao_forbid_mutation();
--> statement-breakpoint
CREATE TRIGGER wish_events_append_only BEFORE UPDATE OR DELETE ON wish_events
  FOR EACH ROW EXECUTE FUNCTION baodao_forbid_mutation();
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION baodao_forbid_mutation();
--> statement-breakpoint
CREATE TRIGGER points_ledger_no_truncate BEFORE TRUNCATE ON points_ledger
  FOR EACH STATEMENT EXECUTE FUNCTION baodao_forbid_mutation();
--> statement-breakpoint
CREATE TRIGGER wish_events_no_truncate BEFORE TRUNCATE ON wish_events
  FOR EACH STATEMENT EXECUTE FUNCTION baodao_forbid_mutation();
