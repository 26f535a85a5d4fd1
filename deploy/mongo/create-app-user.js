// First start only (docker-entrypoint-initdb.d): the application's own user, read-write on the
// BLAU database and nothing else. chat-app connects with it (MONGODB_URI).
const database = process.env.MONGO_APP_DATABASE || "blau";
const user = process.env.MONGO_APP_USERNAME;
// the password from a secret file (MONGO_APP_PASSWORD_FILE) or, failing that, the environment
const passwordFile = process.env.MONGO_APP_PASSWORD_FILE;
const password = passwordFile ? require("fs").readFileSync(passwordFile, "utf8").trim() : process.env.MONGO_APP_PASSWORD;
if (!user || !password) {
  throw new Error("MONGO_APP_USERNAME and MONGO_APP_PASSWORD_FILE (or MONGO_APP_PASSWORD) must be set");
}
db.getSiblingDB(database).createUser({
  user: user,
  pwd: password,
  roles: [{ role: "readWrite", db: database }],
});
