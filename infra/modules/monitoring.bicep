metadata description = 'Application Insights for the service\'s OpenTelemetry traces, metrics and logs: a workspace-based component that keeps its data in the deployment\'s Log Analytics workspace.'

import { tagSet } from 'types.bicep'

@description('Azure region of the component.')
param location string

@description('Tags put on the component.')
param tags tagSet

@description('Name of the Application Insights component.')
param name string

@description('Name of the Log Analytics workspace (in this resource group) that stores the telemetry.')
param logAnalyticsName string

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: logAnalyticsName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: name
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    IngestionMode: 'LogAnalytics'
  }
}

// The connection string is deliberately not an output: module outputs stay readable in the deployment
// history. The container app reads it from the component itself (container-app.bicep).

@description('Name of the Application Insights component.')
output name string = applicationInsights.name
