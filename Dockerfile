# mh-pathway: build with the Maven wrapper on a JDK, run the jar on a JRE.
# Used by docker-compose.yml; configure the database with SPRING_PROFILES_ACTIVE=postgres and DB_* variables.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN chmod +x mvnw \
 && ./mvnw -B -DskipTests package \
 && cp target/mh-pathway-*.jar /src/mh-pathway.jar

FROM eclipse-temurin:17-jre
WORKDIR /app
RUN useradd --system --no-create-home --shell /usr/sbin/nologin mhpathway
COPY --from=build /src/mh-pathway.jar /app/mh-pathway.jar
USER mhpathway
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/mh-pathway.jar"]
