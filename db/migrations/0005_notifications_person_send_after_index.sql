DROP INDEX "notifications_person_idx";--> statement-breakpoint
CREATE INDEX "notifications_person_send_after_idx" ON "notifications" USING btree ("person_id","send_after");