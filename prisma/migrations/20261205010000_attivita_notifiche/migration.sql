-- The inbox refreshes by itself: every change of a task (opened, taken, given, completed, cancelled, its
-- due date) notifies channel `attivita` with the task's id, at the commit of the transaction that made it
-- — whichever process wrote it (the worker's projection, the API) — so no inbox learns of a change that
-- might still be rolled back.
CREATE FUNCTION "push_attivita_notifica"() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('attivita', NEW."id");
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Task_notifica"
  AFTER INSERT OR UPDATE ON "Task"
  FOR EACH ROW EXECUTE FUNCTION "push_attivita_notifica"();
