ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_reverses_entry_id_points_ledger_id_fk" FOREIGN KEY ("reverses_entry_id") REFERENCES "public"."points_ledger"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wishes" ADD CONSTRAINT "wishes_duplicate_of_id_wishes_id_fk" FOREIGN KEY ("duplicate_of_id") REFERENCES "public"."wishes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "unit_compound_pairings_active_uq" ON "unit_compound_pairings" USING btree ("unit_id","compound_id") WHERE "unit_compound_pairings"."ended_at" is null;--> statement-breakpoint
-- Hand-written (drizzle-kit does not track triggers): 0001 forbade UPDATE and DELETE on audit_log but not TRUNCATE.
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION baodao_forbid_mutation();
